package dev.switchboard.store;

import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses data that breaks the domain's rules, whatever the code does. */
class SchemaIntegrityTest {

    private static Sql sql;

    @BeforeAll
    static void schemaWithOneCustomerAndOneEngineer() throws SQLException {
        ConnectionSettings db = TestMariaDb.freshDatabase("integrity");
        Migrations.migrateBlocking(db);
        sql = Sql.on(db);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace'), "
                + "(2, '10043', 'Charles Babbage')");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, description) "
                + "VALUES (1, 1, 'phone', 'no heating', 'Boiler shows F28')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace Hopper', 1), (2, 'Alan Turing', 1)");
        sql.execute("INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (1, 1, 1, '2026-12-01 10:00', '2026-12-01 12:00')");
    }

    @Test
    void an_engineer_cannot_be_booked_for_two_overlapping_visits() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (1, 1, '2026-12-01 11:00', '2026-12-01 13:00')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("uk_visits_no_overlap");
    }

    @Test
    void back_to_back_visits_and_another_engineer_at_the_same_time_are_fine() throws SQLException {
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (1, 1, '2026-12-01 12:00', '2026-12-01 13:00')");
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (1, 2, '2026-12-01 10:30', '2026-12-01 11:30')");

        assertThat(sql.count("SELECT COUNT(*) FROM visits WHERE starts_at >= '2026-12-01 10:30' AND starts_at < '2026-12-02'")).isEqualTo(2);
    }

    @Test
    void a_cancelled_visit_frees_its_slot() throws SQLException {
        sql.execute("INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (50, 1, 1, '2026-12-05 09:00', '2026-12-05 10:00')");
        sql.execute("UPDATE visits SET status = 'cancelled' WHERE id = 50");
        sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at) "
                + "VALUES (1, 1, '2026-12-05 09:00', '2026-12-05 10:00')");

        assertThat(sql.count("SELECT COUNT(*) FROM visits WHERE starts_at = '2026-12-05 09:00'")).isEqualTo(2);
    }

    @Test
    void a_phone_number_belongs_to_one_account_unless_it_is_marked_shared() throws SQLException {
        sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+441632960001')");

        assertThatThrownBy(() -> sql.execute(
                "INSERT INTO account_phones (account_id, e164) VALUES (2, '+441632960001')"))
                .hasMessageContaining("uk_account_phones_exclusive");

        sql.execute("INSERT INTO account_phones (account_id, e164, shared) VALUES (1, '+441632960099', TRUE), "
                + "(2, '+441632960099', TRUE)");
        assertThat(sql.count("SELECT COUNT(*) FROM account_phones WHERE e164 = '+441632960099'")).isEqualTo(2);
    }

    @Test
    void a_phone_number_must_be_e164() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '01632 960001')"))
                .hasMessageContaining("ck_account_phones_e164");
    }

    @Test
    void a_case_needs_an_existing_account() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO cases (account_id, channel, category, description) "
                + "VALUES (999, 'email', 'leak', 'Water under the sink')"))
                .hasMessageContaining("fk_cases_account");
    }

    @Test
    void a_closed_case_has_a_closing_time_and_an_open_one_has_none() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO cases (account_id, channel, category, description, status) "
                + "VALUES (1, 'web', 'leak', 'Dripping tap', 'closed')"))
                .hasMessageContaining("ck_cases_closed");
    }

    @Test
    void a_visit_records_when_and_how_the_customer_was_advised_together() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO visits (case_id, engineer_id, starts_at, ends_at, "
                + "customer_advised_at) VALUES (1, 2, '2026-12-09 09:00', '2026-12-09 10:00', NOW())"))
                .hasMessageContaining("ck_visits_advised");
    }
}
