package dev.switchboard.store;

import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @Test
    void the_embedded_server_keeps_pages_in_a_buffer_pool_of_the_configured_size() throws Exception {
        Sql server = Sql.on(TestMariaDb.freshDatabase("buffer_pool"));

        assertThat(server.count("SELECT @@innodb_buffer_pool_size"))
                .isEqualTo(TestMariaDb.BUFFER_POOL_MB * 1024L * 1024L);
    }

    @Test
    void a_port_taken_by_another_program_is_named_with_what_the_server_printed(@TempDir Path data) throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedServerOptions onThatPort = new EmbeddedServerOptions(other.getLocalPort(), 32,
                    EmbeddedServerOptions.DEFAULT_START_TIMEOUT);

            assertThatThrownBy(() -> EmbeddedDatabase.start(data, onThatPort, 5))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("port " + other.getLocalPort() + " on 127.0.0.1 is in use by another program")
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void a_start_that_outlasts_its_limit_says_which_setting_to_raise_and_blames_no_port(@TempDir Path data) {
        EmbeddedServerOptions impatient = new EmbeddedServerOptions(0, 32, Duration.ofMillis(200));

        assertThatThrownBy(() -> EmbeddedDatabase.start(data, impatient, 5))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("was not ready within 0 s (SWITCHBOARD_DB_EMBEDDED_START_TIMEOUT")
                .hasMessageNotContaining("in use by another program")
                .hasMessageNotContaining("not writable");
    }
}
