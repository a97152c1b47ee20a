package dev.switchboard.telephony.queuelog;

import dev.switchboard.telephony.queuelog.QueueLogLeg.CompletedBy;
import dev.switchboard.telephony.queuelog.QueueLogLeg.Outcome;
import dev.switchboard.telephony.queuelog.QueueLogLeg.RingEnd;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines grouped into queue legs agree with the tests' own reading of queue_log, leg by leg. */
class QueueLogCallsTest {

    static List<String> recordings() {
        return Recordings.names();
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void the_legs_of_a_recording_are_those_the_test_oracle_reads(String name) throws IOException {
        Path file = Recordings.directory().resolve(name + ".queue_log");
        List<QueueLogLeg> legs = QueueLogCalls.legsOf(lines(file));
        Map<String, List<QueueLog.Leg>> oracle = QueueLog.read(file).legsByCall();

        List<String> expected = new ArrayList<>();
        oracle.values().forEach(call -> call.forEach(leg -> expected.add(describe(leg))));
        assertThat(legs.stream().map(QueueLogCallsTest::describe).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(legs).allSatisfy(leg -> {
            assertThat(leg.outcomeFinal()).as("%s decided", leg.callid()).isTrue();
            assertThat(leg.complete()).as("%s complete", leg.callid()).isTrue();
        });
        assertThat(legs).hasSize(expected.size()).isNotEmpty();
    }

    private static String describe(QueueLog.Leg leg) {
        return leg.callId + " " + leg.queue + " " + leg.outcome + " hold=" + leg.holdSeconds + " talk=" + leg.talkSeconds
                + " agent=" + leg.agent + " by=" + leg.completedBy + " caller=" + leg.callerId + " pos=" + leg.position
                + " notAnsweredBy=" + leg.notAnsweredBy;
    }

    private static String describe(QueueLogLeg leg) {
        return leg.callid() + " " + leg.queue() + " " + lower(leg.outcome()) + " hold=" + leg.holdSeconds()
                + " talk=" + leg.talkSeconds() + " agent=" + leg.agent() + " by=" + lower(leg.completedBy())
                + " caller=" + leg.callerId() + " pos=" + (leg.position() == null ? 0 : leg.position())
                + " notAnsweredBy=" + leg.notAnsweredBy();
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void an_overflow_gives_two_legs_of_one_call_a_timeout_then_an_answer() throws IOException {
        List<QueueLogLeg> legs = QueueLogCalls.legsOf(lines(Recordings.directory().resolve("overflow.queue_log")));

        assertThat(legs).hasSize(2);
        QueueLogLeg billing = legs.get(0);
        QueueLogLeg support = legs.get(1);
        assertThat(billing.callid()).isEqualTo(support.callid()).isEqualTo("1795346251.1");
        assertThat(List.of(billing.queue(), support.queue())).containsExactly("billing", "support");
        assertThat(billing.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(billing.holdSeconds()).isEqualTo(20);
        assertThat(billing.leftAt()).isEqualTo(Instant.ofEpochSecond(1795346275L));
        assertThat(support.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(support.enteredAt()).isEqualTo(Instant.ofEpochSecond(1795346275L));
        assertThat(support.agentUniqueid()).isEqualTo("1795346275.2");
        assertThat(support.ringSeconds()).isEqualTo(2);
        assertThat(support.completedBy()).isEqualTo(CompletedBy.AGENT);
        assertThat(support.lastLineAt()).isEqualTo(Instant.ofEpochSecond(1795346281L));
        assertThat(List.of(billing.ordinal(), support.ordinal())).containsExactly(1, 1);
    }

    @Test
    void a_call_entering_the_same_queue_twice_has_two_legs_numbered_in_order() {
        List<QueueLogLeg> legs = QueueLogCalls.legsOf(parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "110|7.1|support|NONE|EXITWITHTIMEOUT|1|1|10",
                "111|7.1|support|NONE|ENTERQUEUE||555|1",
                "115|7.1|support|NONE|ABANDON|1|1|4"));

        assertThat(legs).extracting(QueueLogLeg::ordinal, QueueLogLeg::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Outcome.TIMEOUT),
                        org.assertj.core.groups.Tuple.tuple(2, Outcome.ABANDONED));
    }

    @Test
    void an_answer_decides_the_outcome_and_the_end_of_the_talk_completes_the_leg() {
        QueueLogCalls calls = new QueueLogCalls();
        List<QueueLogLine> lines = parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "108|7.1|support|Carol|RINGNOANSWER|8000",
                "110|7.1|support|Alice|CONNECT|10|9.2|2",
                "150|7.1|support|Alice|COMPLETECALLER|10|40|1");

        QueueLogLeg entered = calls.accept(lines.get(0)).get(0);
        assertThat(entered.outcomeFinal()).isFalse();
        assertThat(entered.complete()).isFalse();
        assertThat(entered.firstOffset()).isEqualTo(lines.get(0).offset());

        QueueLogLeg rung = calls.accept(lines.get(1)).get(0);
        assertThat(rung.rings()).containsExactly(new QueueLogLeg.Ring("Carol", 8000, RingEnd.NO_ANSWER, Instant.ofEpochSecond(100)));

        QueueLogLeg answered = calls.accept(lines.get(2)).get(0);
        assertThat(answered.outcomeFinal()).isTrue();
        assertThat(answered.complete()).isFalse();
        assertThat(calls.open()).hasSize(1);
        assertThat(calls.oldestOpenOffset()).hasValue(lines.get(0).offset());

        QueueLogLeg completed = calls.accept(lines.get(3)).get(0);
        assertThat(completed.complete()).isTrue();
        assertThat(completed.completedBy()).isEqualTo(CompletedBy.CALLER);
        assertThat(completed.talkSeconds()).isEqualTo(40);
        assertThat(completed.lastEndOffset()).isEqualTo(lines.get(3).endOffset());
        assertThat(calls.open()).isEmpty();
        assertThat(calls.oldestOpenOffset()).isEmpty();
    }

    @Test
    void transfers_complete_an_answered_leg_by_transfer() {
        List<QueueLogLeg> legs = QueueLogCalls.legsOf(parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "105|7.1|support|Alice|CONNECT|5|9.2|1",
                "168|7.1|support|Alice|BLINDTRANSFER|200|internal|5|63|1",
                "200|8.1|support|NONE|ENTERQUEUE||556|1",
                "207|8.1|support|Bob|CONNECT|7|9.3|1",
                "248|8.1|support|Bob|ATTENDEDTRANSFER|BRIDGE|a1b2-c3|7|41|2"));

        assertThat(legs).hasSize(2).allSatisfy(leg -> {
            assertThat(leg.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(leg.completedBy()).isEqualTo(CompletedBy.TRANSFER);
            assertThat(leg.complete()).isTrue();
        });
        assertThat(legs).extracting(QueueLogLeg::holdSeconds).containsExactly(5L, 7L);
        assertThat(legs).extracting(QueueLogLeg::talkSeconds).containsExactly(63L, 41L);
        assertThat(legs).extracting(QueueLogLeg::agent).containsExactly("Alice", "Bob");
    }

    @Test
    void a_transfer_whose_connect_was_not_read_is_still_an_answer_with_its_hold_and_agent() {
        QueueLogLeg leg = QueueLogCalls.legsOf(parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "168|7.1|support|Alice|BLINDTRANSFER|200|internal|5|63|1")).get(0);
        assertThat(leg.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(leg.holdSeconds()).isEqualTo(5);
        assertThat(leg.agent()).isEqualTo("Alice");
    }

    @Test
    void leaving_with_a_key_is_a_callback_and_empty_queues_and_dumps_have_their_outcomes() {
        List<QueueLogLeg> legs = QueueLogCalls.legsOf(parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "145|7.1|support|NONE|EXITWITHKEY|1|1|1|45",
                "200|8.1|support|NONE|ENTERQUEUE||556|2",
                "230|8.1|support|NONE|EXITEMPTY|1|2|30",
                "300|9.1|support|NONE|ENTERQUEUE||557|1",
                "303|9.1|support|Alice|AGENTDUMP|"));

        assertThat(legs).extracting(QueueLogLeg::outcome).containsExactly(Outcome.CALLBACK, Outcome.TIMEOUT, Outcome.ABANDONED);
        assertThat(legs).extracting(QueueLogLeg::holdSeconds).containsExactly(45L, 30L, null);
        assertThat(legs.get(0).exitKey()).isEqualTo("1");
        assertThat(legs.get(1).originalPosition()).isEqualTo(2);
        assertThat(legs).allSatisfy(leg -> assertThat(leg.complete()).isTrue());
    }

    @Test
    void a_ring_cancelled_by_the_abandon_is_kept_as_cancelled() {
        QueueLogLeg leg = QueueLogCalls.legsOf(parse(
                "100|7.1|support|NONE|ENTERQUEUE||555|1",
                "110|7.1|support|Dave|RINGCANCELED|3000",
                "110|7.1|support|NONE|ABANDON|1|1|10")).get(0);
        assertThat(leg.rings()).containsExactly(new QueueLogLeg.Ring("Dave", 3000, RingEnd.CANCELLED, Instant.ofEpochMilli(107_000)));
        assertThat(leg.notAnsweredBy()).isEmpty();
        assertThat(leg.outcome()).isEqualTo(Outcome.ABANDONED);
    }

    @Test
    void a_leg_open_longer_than_twelve_hours_is_dropped_and_counted_while_a_newer_one_stays() {
        long start = 1_795_346_000L;
        long twelveHours = QueueLogCalls.MAX_OPEN.toSeconds();
        QueueLogCalls calls = new QueueLogCalls();
        for (QueueLogLine line : parse(
                start + "|7.1|support|NONE|ENTERQUEUE||555|1",
                (start + 600) + "|8.1|support|NONE|ENTERQUEUE||556|1",
                (start + twelveHours) + "|9.1|support|NONE|ENTERQUEUE||557|1")) {
            calls.accept(line);
        }
        assertThat(calls.dropped()).isZero();
        assertThat(calls.open()).hasSize(3);

        calls.accept(parse((start + twelveHours + 120) + "|NONE|support|Alice|PAUSE|lunch").get(0));

        assertThat(calls.dropped()).isEqualTo(1);
        assertThat(calls.open()).extracting(QueueLogLeg::callid).containsExactly("8.1", "9.1");
        assertThat(calls.accept(parse((start + twelveHours + 130) + "|7.1|support|NONE|ABANDON|1|1|43330").get(0)))
                .as("a line for the dropped leg").isEmpty();
        assertThat(calls.unattached()).isEqualTo(1);
    }

    @Test
    void lines_of_a_call_whose_entry_was_not_read_and_member_lines_make_no_leg() {
        QueueLogCalls calls = new QueueLogCalls();
        for (QueueLogLine line : parse(
                "100|NONE|NONE|NONE|QUEUESTART|",
                "101|NONE|support|Alice|PAUSE|lunch",
                "105|6.1|support|Alice|CONNECT|5|9.2|1")) {
            assertThat(calls.accept(line)).isEmpty();
        }
        assertThat(calls.open()).isEmpty();
        assertThat(calls.unattached()).isEqualTo(1);
    }

    /** Parses lines as if they were a file (offsets counted from its start). */
    static List<QueueLogLine> parse(String... texts) {
        List<QueueLogLine> lines = new ArrayList<>();
        long offset = 0;
        for (String text : texts) {
            long end = offset + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            QueueLogParser.Result result = QueueLogParser.parse(text, offset, end);
            assertThat(result).as(text).isInstanceOf(QueueLogParser.Parsed.class);
            lines.add(((QueueLogParser.Parsed) result).line());
            offset = end;
        }
        return lines;
    }

    private static List<QueueLogLine> lines(Path file) throws IOException {
        return parse(Files.readAllLines(file).toArray(String[]::new));
    }
}
