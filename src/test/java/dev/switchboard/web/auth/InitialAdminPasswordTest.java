package dev.switchboard.web.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.AuthConfig;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin's password from SWITCHBOARD_ADMIN_PASSWORD is only warned about when the rule
 * would refuse it (refusing it would leave nobody who can log in), and the warning never holds it.
 */
class InitialAdminPasswordTest {

    private final Vertx vertx = Vertx.vertx();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminAccount.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private ConnectionSettings db;
    private Pool pool;

    @BeforeEach
    void database() {
        logged.start();
        logger.addAppender(logged);
        db = TestMariaDb.freshDatabase("initial_admin");
        Migrations.migrateBlocking(db);
        pool = Database.createPool(vertx, db, 1);
    }

    @AfterEach
    void close() {
        logger.detachAppender(logged);
        pool.close().await();
        vertx.close().await();
    }

    @Test
    void a_common_initial_password_still_creates_the_admin_with_a_warning_that_does_not_hold_it() throws Exception {
        AdminAccount.ensure(vertx, pool, new AuthConfig(Optional.of("Password123456"), Duration.ofHours(12)),
                new PasswordHasher(), new PrintStream(new ByteArrayOutputStream())).await();

        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM users WHERE username = 'admin'")).isEqualTo(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("SWITCHBOARD_ADMIN_PASSWORD")
                        .contains("common").doesNotContain("Password123456"));
    }
}
