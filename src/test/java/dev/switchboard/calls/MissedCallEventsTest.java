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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Some of a call's AMI events never reach Switchboard (a gap in the link, or events dropped when
 * it is busy), or Asterisk does not send them: the call is still stored as one journey with one
 * leg per queue, and a time estimated because its event was missed says so.
 */
class MissedCallEventsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void an_agent_complete_after_a_missed_answer_ends_the_callers_wait_instead_of_offering_the_call_twice()
            throws Exception {
        JourneyRecord call = storedCall("answered", "missed_answer", without(event("AgentConnect")));

        assertThat(call.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.queue()).isEqualTo("support");
            assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
            assertThat(leg.holdSeconds()).isEqualTo(2);
            assertThat(leg.talkSeconds()).isEqualTo(14);
            assertThat(leg.agentName()).isEqualTo("Alice");
            assertThat(leg.completedBy()).isEqualTo("agent");
            assertThat(leg.leftAt()).isNotNull();
            assertThat(leg.joinedSource()).as("the join itself was seen").isEqualTo(FactSource.AMI);
            assertThat(leg.rings()).singleElement().satisfies(ring -> assertThat(ring.outcome()).isEqualTo("answered"));
        });
    }

    @Test
    void a_caller_sent_on_because_no_agent_is_left_leaves_on_a_timeout_not_an_abandon() throws Exception {
        JourneyRecord call = storedCall("overflow", "leave_empty", queueStatus("LEAVEEMPTY"));

        assertThat(call.legs()).extracting(LegRecord::queue, LegRecord::outcome).containsExactly(
                tuple("billing", LegOutcome.TIMEOUT),
                tuple("support", LegOutcome.ANSWERED));
    }

    @Test
    void leaving_an_empty_queue_is_a_timeout_even_when_asterisk_reports_no_abandon_first() throws Exception {
        JourneyRecord call = storedCall("overflow", "leave_empty_alone",
                events -> without(event("QueueCallerAbandon")).apply(queueStatus("LEAVEEMPTY").apply(events)));

        LegRecord billing = call.legs().get(0);
        assertThat(billing.queue()).isEqualTo("billing");
        assertThat(billing.outcome()).isEqualTo(LegOutcome.TIMEOUT);
        assertThat(billing.leftAt()).isNotNull();
        assertThat(billing.holdSeconds()).isNotNull();
        assertThat(call.legs().get(1).outcome()).isEqualTo(LegOutcome.ANSWERED);
    }

    @Test
    void a_leg_whose_join_was_missed_is_stored_with_its_join_marked_as_estimated() throws Exception {
        JourneyRecord call = storedCall("answered", "missed_join", without(event("QueueCallerJoin")));

        assertThat(call.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
            assertThat(leg.joinedSource()).isEqualTo(FactSource.RESYNC);
            assertThat(leg.outcomeSource()).isEqualTo(FactSource.AMI);
        });
    }

    @Test
    void a_call_heard_of_only_at_its_end_is_rebuilt_with_its_join_marked_as_estimated() throws Exception {
        JourneyRecord call = storedCall("answered", "missed_all_but_end", events -> {
            int complete = events.indexOf(events.stream().filter(event("AgentComplete")).findFirst().orElseThrow());
            return events.subList(complete, events.size());
        });

        assertThat(call.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.outcome()).isEqualTo(LegOutcome.ANSWERED);
            assertThat(leg.talkSeconds()).isEqualTo(14);
            assertThat(leg.joinedSource()).isEqualTo(FactSource.RESYNC);
        });
    }

    /** The one call of a recording, stored after Switchboard heard its events as {@code heard} leaves them. */
    private JourneyRecord storedCall(String recordingName, String database, UnaryOperator<List<AmiMessage>> heard)
            throws Exception {
        Recording recording = Recording.read(Recordings.file(recordingName));
        List<AmiMessage> events = heard.apply(recording.stream().stream().map(Recording.Timed::message).toList());
        try (CallRig rig = CallRig.start(vertx, recording.banner(),
                () -> ScriptedFeed.onLogin(recording.snapshots(), events), database)) {
            rig.awaitLink(LinkState.UP, Duration.ofSeconds(10));
            rig.awaitFeedStored(Duration.ofSeconds(30));
            List<JourneyRecord> stored = rig.storedJourneys();
            assertThat(stored).hasSize(1);
            assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM call_legs"))
                    .isEqualTo(stored.get(0).legs().size());
            return stored.get(0);
        }
    }

    private static Predicate<AmiMessage> event(String name) {
        return message -> message.getOrEmpty("Event").equals(name);
    }

    private static UnaryOperator<List<AmiMessage>> without(Predicate<AmiMessage> missed) {
        return events -> events.stream().filter(missed.negate()).toList();
    }

    /** The recording with the caller's QUEUESTATUS on leaving a queue changed to {@code status}. */
    private static UnaryOperator<List<AmiMessage>> queueStatus(String status) {
        return events -> events.stream()
                .map(m -> event("VarSet").test(m) && m.getOrEmpty("Variable").equals("QUEUESTATUS")
                        ? m.with("Value", status) : m)
                .toList();
    }
}
