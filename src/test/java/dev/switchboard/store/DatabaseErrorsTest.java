package dev.switchboard.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What MariaDB's driver throws, told apart by SQLState rather than by its Java type. */
class DatabaseErrorsTest {

    @Test
    void a_lost_connection_is_worth_retrying_and_is_not_a_refusal() {
        Exception closed = new RuntimeException(new SQLNonTransientConnectionException("Connection is closed", "08000"));

        assertThat(DatabaseErrors.unreachable(closed)).isTrue();
        assertThat(DatabaseErrors.refusesContent(closed)).isFalse();
    }

    @Test
    void data_truncated_comes_as_a_transient_connection_exception_and_is_a_refusal_all_the_same() {
        Exception truncated = new SQLTransientConnectionException("Data truncated for column 'completed_by'", "01000", 1265);
        Exception tooLong = new SQLException("Data too long for column 'uniqueid'", "22001", 1406);

        assertThat(DatabaseErrors.unreachable(truncated)).isFalse();
        assertThat(DatabaseErrors.refusesContent(truncated)).isTrue();
        assertThat(DatabaseErrors.refusesContent(tooLong)).isTrue();
    }

    @Test
    void anything_else_is_retried_rather_than_set_aside() {
        assertThat(DatabaseErrors.refusesContent(new IllegalStateException("pool closed"))).isFalse();
        assertThat(DatabaseErrors.refusesContent(new SQLException("Deadlock found", "40001", 1213))).isFalse();
    }
}
