package dev.switchboard.store;

import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @Test
    void the_embedded_server_keeps_pages_in_a_buffer_pool_of_the_configured_size() throws Exception {
        Sql server = Sql.on(TestMariaDb.freshDatabase("buffer_pool"));

        assertThat(server.count("SELECT @@innodb_buffer_pool_size"))
                .isEqualTo(TestMariaDb.BUFFER_POOL_MB * 1024L * 1024L);
    }
}
