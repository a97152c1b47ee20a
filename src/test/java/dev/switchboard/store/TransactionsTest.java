package dev.switchboard.store;

import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After a transaction, the pooled connection commits plain statements at once again. */
class TransactionsTest {

    private static final Vertx vertx = Vertx.vertx();
    private static ConnectionSettings db;
    private static Pool pool;

    @BeforeAll
    static void oneConnectionPool() throws Exception {
        db = TestMariaDb.freshDatabase("transactions");
        Sql.on(db).execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))");
        // one connection: every statement below runs on the connection the transaction used
        pool = Database.createPool(vertx, db, 1);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void a_plain_insert_after_a_committed_transaction_is_visible_to_others_at_once() throws Exception {
        Transactions.within(pool, c -> c.query("INSERT INTO notes VALUES (1, 'in a transaction')").execute())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        pool.query("INSERT INTO notes VALUES (2, 'on its own')").execute()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM notes WHERE id IN (1, 2)")).isEqualTo(2);
    }

    @Test
    void a_failed_transaction_leaves_nothing_and_the_next_plain_insert_still_commits() throws Exception {
        Future<Object> failed = Transactions.within(pool, c -> c.query("INSERT INTO notes VALUES (3, 'rolled back')")
                .execute().compose(r -> Future.failedFuture(new IllegalStateException("changed my mind"))));
        assertThatThrownBy(() -> failed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasRootCauseMessage("changed my mind");

        pool.query("INSERT INTO notes VALUES (4, 'on its own')").execute()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM notes WHERE id = 3")).isZero();
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM notes WHERE id = 4")).isEqualTo(1);
    }
}
