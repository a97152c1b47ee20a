package dev.switchboard.web.auth;

import dev.switchboard.audit.AdminAudit;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change and its audit entry are one transaction: when the entry cannot be written, the change
 * is not saved either, and an entry written before a failure does not stay behind.
 */
class AuditInTheSameTransactionTest {

    private final Vertx vertx = Vertx.vertx();
    private ConnectionSettings db;
    private Pool pool;

    @BeforeEach
    void database() {
        db = TestMariaDb.freshDatabase("audit_tx");
        Migrations.migrateBlocking(db);
        pool = Database.createPool(vertx, db, 2);
    }

    @AfterEach
    void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void a_user_whose_audit_entry_fails_is_not_created_and_leaves_no_entry() throws Exception {
        AdminAudit audit = new AdminAudit(pool, Clock.systemUTC());
        AdminChangeLog writesThenFails = (tx, change) -> audit.record(tx, change)
                .compose(v -> Future.failedFuture(new IllegalStateException("the audit could not be written")));
        Users users = new Users(vertx, pool, new PasswordHasher(), writesThenFails);

        assertThatThrownBy(() -> users.create(new Actor(1L, "admin", "127.0.0.1"), "zed", "Zed", "agent",
                "Willow-Creek-Bridge-12").await()).hasMessageContaining("the audit could not be written");

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM users WHERE username = 'zed'")).isZero();
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM admin_audit")).isZero();
    }

    @Test
    void a_command_line_reset_whose_audit_entry_fails_keeps_the_old_password() throws Exception {
        String hash = new PasswordHasher().hash("Old-But-Good-Password-3");
        Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(5, 'yara', 'Yara', '" + hash + "', 'admin')");
        Users users = new Users(vertx, pool, new PasswordHasher(),
                (tx, change) -> Future.failedFuture(new IllegalStateException("the audit could not be written")));

        assertThatThrownBy(() -> users.resetPassword("yara").await()).hasMessageContaining("could not be written");

        assertThat(Sql.on(db).text("SELECT password_hash FROM users WHERE id = 5")).isEqualTo(hash);
    }
}
