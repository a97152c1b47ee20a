package dev.switchboard.screenpop;

import dev.switchboard.accounts.AccountDirectory;
import dev.switchboard.config.ConfigParser;
import dev.switchboard.queues.AnswerTargets;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.telephony.TelephonyEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Screen pops keep nothing about a call once it has ended: a day of calls must not pile up. */
class ScreenPopMemoryTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void calls_that_queued_and_hung_up_leave_nothing_behind() {
        // nothing here asks the database: a call that rings no agent needs no lookups
        Pool nowhere = Database.createPool(vertx, new ConnectionSettings("jdbc:mariadb://127.0.0.1:1/none", "none",
                "none", 1), 1);
        ScreenPopVerticle pops = new ScreenPopVerticle(new AgentDirectory(nowhere),
                new PopResolver(new AccountDirectory(nowhere, Clock.systemUTC()), "US"),
                new AnswerTargets(ConfigParser.parse(new JsonObject(), Map.of(), "test").queues()), Clock.systemUTC());
        vertx.deployVerticle(pops).await();
        Instant at = Instant.parse("2026-11-23T09:00:00Z");

        for (int i = 0; i < 100; i++) {
            String caller = "1700000000." + i;
            pops.onTelephonyEvent(new TelephonyEvent.ChannelCreated("pbx", at, caller, caller, "PJSIP/trunk-" + i,
                    "+14155550101", "Ada"));
            pops.onTelephonyEvent(new TelephonyEvent.QueueJoined("pbx", at, caller, caller, "support", 1,
                    "+14155550101", "Ada"));
        }
        assertThat(pops.held().await()).as("while they wait, each caller is known and when they joined").isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            String caller = "1700000000." + i;
            pops.onTelephonyEvent(new TelephonyEvent.ChannelHungUp("pbx", at.plusSeconds(30), caller, caller,
                    "PJSIP/trunk-" + i, 16));
        }

        assertThat(pops.held().await()).isZero();
    }
}
