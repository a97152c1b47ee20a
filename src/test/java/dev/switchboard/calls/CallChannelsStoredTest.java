package dev.switchboard.calls;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.telephony.LinkState;
import dev.switchboard.testing.CallRig;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.Sql;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call is stored with the Uniqueid of every channel it had: queue_log names a call by the
 * channel that queued, which in the recordings is a Local channel, not the call's first one.
 */
class CallChannelsStoredTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void every_channel_of_the_answered_call_is_stored_once_with_it() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        List<AmiMessage> events = answered.stream().stream().map(Recording.Timed::message).toList();
        try (CallRig rig = CallRig.start(vertx, answered.banner(),
                () -> ScriptedFeed.onLogin(answered.snapshots(), events), "call_channels")) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitFeedStored(Duration.ofSeconds(30));

            JourneyRecord call = rig.storedJourneys().get(0);
            assertThat(call.channels()).containsExactlyInAnyOrder("1795346056.0", "1795346056.1", "1795346060.2",
                    "1795346060.3");
            assertThat(call.legs().get(0).uniqueid()).as("the channel that queued").isEqualTo("1795346056.1");
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_channels")).isEqualTo(4);
        }
    }
}
