package dev.switchboard.cases;

import dev.switchboard.messages.Outbox;
import java.time.ZoneOffset;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import dev.switchboard.web.UnavailableException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Case openings held while the database is away: on disk at once, opened once when a service
 * that can reach the database starts on the same directory, never twice, and one the database
 * refuses is kept with its reason rather than dropped.
 */
class HeldCaseOpeningsTest {

    private final Vertx vertx = Vertx.vertx();
    private final AuthenticatedUser alice = new AuthenticatedUser(101, "alice", "agent");

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void openings_held_without_a_database_are_opened_once_when_it_is_there_and_a_refused_one_is_kept() throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("held_cases");
        Migrations.migrateBlocking(db);
        Sql sql = Sql.on(db);
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'alice', 'Alice', 'x', 'agent')");
        Path dir = Path.of("target", "held-cases-" + System.nanoTime()).toAbsolutePath();

        // a service whose database is away: nothing listens on its port
        ConnectionSettings away = new ConnectionSettings("jdbc:mariadb://127.0.0.1:" + Ports.free() + "/held_cases",
                db.user(), db.password(), 1);
        Pool nowhere = Database.createPool(vertx, away, 1);
        SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
        HeldCaseOpenings first = new HeldCaseOpenings(dir, store(nowhere), firstMetrics, Clock.systemUTC());
        String firstDeployment = vertx.deployVerticle(first).await();
        String boiler = UUID.randomUUID().toString();
        JsonObject told = first.hold(new NewCase("10042", "phone", "boiler", "high",
                "No hot water since Monday; two children at home.", null), alice, boiler).await();
        String unknownAccount = UUID.randomUUID().toString();
        first.hold(new NewCase("99999", "phone", "billing", "normal", "Wrong bill.", null), alice, unknownAccount)
                .await();

        assertThat(told.getBoolean("held")).isTrue();
        assertThat(told.getString("reference")).isEqualTo(boiler);
        assertThat(told.getString("message")).contains("held");
        assertThat(firstMetrics.get("switchboard.cases.held").gauge().value()).isEqualTo(2);
        assertThat(sql.count("SELECT COUNT(*) FROM cases")).isZero();
        vertx.undeploy(firstDeployment).await();

        // the service starts again and the database is there
        Pool pool = Database.createPool(vertx, db, 2);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        HeldCaseOpenings second = new HeldCaseOpenings(dir, store(pool), metrics, Clock.systemUTC());
        String secondDeployment = vertx.deployVerticle(second).await();
        awaitNothingHeld(second);

        assertThat(sql.row("SELECT c.category, c.priority, c.description, c.created_by_user_id, e.kind"
                + " FROM cases c JOIN case_events e ON e.case_id = c.id WHERE c.request_ref = '" + boiler + "'"))
                .containsEntry("category", "boiler").containsEntry("priority", "high")
                .containsEntry("description", "No hot water since Monday; two children at home.")
                .containsEntry("created_by_user_id", "101").containsEntry("kind", "opened");
        assertThat(sql.count("SELECT COUNT(*) FROM cases")).isEqualTo(1);
        assertThat(metrics.get("switchboard.cases.held.refused").counter().count()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("refused.jsonl"))).contains(unknownAccount, "99999",
                "no account has this number");
        vertx.undeploy(secondDeployment).await();

        // started once more, and the same opening sent again: still one case
        HeldCaseOpenings third = new HeldCaseOpenings(dir, store(pool), new SimpleMeterRegistry(), Clock.systemUTC());
        vertx.deployVerticle(third).await();
        assertThat(third.count()).isZero();
        JsonObject again = store(pool).open(new NewCase("10042", "phone", "boiler", "high",
                "No hot water since Monday; two children at home.", null), alice, boiler,
                CaseStore.CallLink.REQUIRED).await();
        assertThat(sql.count("SELECT COUNT(*) FROM cases")).isEqualTo(1);
        assertThat(again.getLong("id")).isEqualTo(sql.count("SELECT id FROM cases WHERE request_ref = '" + boiler + "'"));
        pool.close().await();
        nowhere.close().await();
    }

    @Test
    void an_opening_that_cannot_be_written_down_is_refused_rather_than_acknowledged() throws Exception {
        Path aFile = Files.createTempFile("held-cases", ".txt"); // where the directory should be
        Pool nowhere = Database.createPool(vertx, new ConnectionSettings("jdbc:mariadb://127.0.0.1:" + Ports.free()
                + "/none", "none", "none", 1), 1);
        HeldCaseOpenings held = new HeldCaseOpenings(aFile, store(nowhere), new SimpleMeterRegistry(),
                Clock.systemUTC());
        vertx.deployVerticle(held).await();

        var attempt = held.hold(new NewCase("10042", "phone", "boiler", "high", "No hot water.", null), alice,
                UUID.randomUUID().toString());

        assertThatThrownBy(attempt::await).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("could not be kept");
        assertThat(held.count()).isZero();
        nowhere.close().await();
    }

    private CaseStore store(Pool pool) {
        return new CaseStore(pool, Clock.systemUTC(), new Surveys(pool, Clock.systemUTC()),
                new CaseChanges(vertx.eventBus()), new Outbox(pool, vertx.eventBus(), ZoneOffset.UTC,
                "http://localhost:8080", Clock.systemUTC()));
    }

    private static void awaitNothingHeld(HeldCaseOpenings held) {
        await("every held opening dealt with").atMost(Duration.ofSeconds(30)).until(() -> held.count() == 0);
    }
}
