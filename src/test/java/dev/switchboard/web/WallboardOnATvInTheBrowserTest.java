package dev.switchboard.web;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.BrowserStage;
import dev.switchboard.testing.Sql;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisors' wallboard on a TV across the room, in Debian's chromium
 * ({@code src/test/browser/wallboard-tv.mjs}). The call centre is bigger than the seeded one: the
 * simulated Asterisk's QueueStatus has four more queues with {@value #MORE_AGENTS} more agents (60
 * in all, the board learns queues and agents from Asterisk), and today's stored calls give those
 * queues a service level on target, near it and below it. The recorded call's caller is held 12 s
 * in the queue instead of 2, so that the board can be read while they wait (support's target is
 * 1 s: they breach it). An agent is flagged after 1 s paused.
 */
class WallboardOnATvInTheBrowserTest {

    static final List<String> MORE_QUEUES = List.of("sales", "claims", "outage", "priority");
    static final int MORE_AGENTS = 54;
    private static final List<String> FIRST_NAMES = List.of("Maya", "Omar", "Lena", "Tariq", "Ines", "Jonas",
            "Priya", "Mateo", "Sofia", "Kwame", "Hana", "Luca", "Amara", "Felix", "Noor", "Elias", "Zara", "Ravi");
    /** The recorded caller waits this much longer before Alice answers. */
    private static final long HELD_LONGER_MS = 10_000;

    @Test
    void the_wallboard_fits_a_tv_lists_who_waits_flags_long_pauses_and_greys_out_when_its_feed_stops()
            throws Exception {
        try (BrowserStage stage = new BrowserStage("wallboard_tv", Map.of("SWITCHBOARD_WALLBOARD_STATE_LIMITS", "paused=1"),
                WallboardOnATvInTheBrowserTest::callsInTheNewQueues, WallboardOnATvInTheBrowserTest::biggerCentre)) {
            stage.play("wallboard-tv.mjs", 180);
        }
    }

    /** Four more queues and 54 more agents (every fifth paused for training); the caller waits longer. */
    static Recording biggerCentre(Recording answered) {
        List<AmiMessage> status = new ArrayList<>(answered.snapshot("QueueStatus"));
        AmiMessage params = first(status, "QueueParams");
        AmiMessage member = first(status, "QueueMember");
        int agent = 0;
        for (int q = 0; q < MORE_QUEUES.size(); q++) {
            String queue = MORE_QUEUES.get(q);
            status.add(params.with("Queue", queue));
            int agents = MORE_AGENTS / MORE_QUEUES.size() + (q < MORE_AGENTS % MORE_QUEUES.size() ? 1 : 0);
            for (int i = 0; i < agents; i++, agent++) {
                String phone = "Local/" + (2001 + agent) + "@agents/n";
                boolean paused = agent % 5 == 0;
                status.add(member.with("Queue", queue)
                        .with("Name", FIRST_NAMES.get(agent % FIRST_NAMES.size()) + " " + (char) ('A' + agent / FIRST_NAMES.size()) + ".")
                        .with("Location", phone).with("StateInterface", phone)
                        .with("Paused", paused ? "1" : "0").with("PausedReason", paused ? "Training" : ""));
            }
        }
        Map<String, List<AmiMessage>> snapshots = new HashMap<>(answered.snapshots());
        snapshots.put("QueueStatus", List.copyOf(status));
        long answeredAt = answered.stream().stream().filter(t -> t.message().getOrEmpty("Event").equals("AgentConnect"))
                .findFirst().orElseThrow().ms();
        List<Recording.Timed> stream = answered.stream().stream()
                .map(t -> t.ms() >= answeredAt ? new Recording.Timed(t.ms() + HELD_LONGER_MS, t.message()) : t)
                .toList();
        return new Recording(answered.banner(), Map.copyOf(snapshots), stream);
    }

    /**
     * Today's calls in the new queues (default target: 80 % within 20 s): sales all within
     * (100 %), claims 1 of 4 (25 %), outage 9 of 10 (90 %), priority 3 of 4 (75 %, near target).
     */
    static void callsInTheNewQueues(Sql sql) throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        LocalDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay();
        LocalDateTime at = now.minusMinutes(30).isBefore(today) ? today.plusSeconds(1) : now.minusMinutes(30);
        int id = 100;
        for (Object[] queue : new Object[][] {{"sales", 4, 0}, {"claims", 1, 3}, {"outage", 9, 1}, {"priority", 3, 1}}) {
            for (int call = 0; call < (int) queue[1] + (int) queue[2]; call++, id++) {
                long hold = call < (int) queue[1] ? 8 : 45;
                LocalDateTime joined = at.plusSeconds(id);
                sql.execute("INSERT INTO call_journeys (id, server, linkedid, caller_number, started_at, ended_at) VALUES ("
                        + id + ", 'earlier', 'earlier." + id + "', '+1415555" + (1000 + id) + "', '" + joined + "', '"
                        + joined.plusMinutes(4) + "')");
                sql.execute("INSERT INTO call_legs (journey_id, leg_no, queue_name, joined_at, outcome, left_at, "
                        + "hold_seconds, talk_seconds, agent_member_name) VALUES (" + id + ", 1, '" + queue[0] + "', '"
                        + joined + "', 'answered', '" + joined.plusSeconds(hold) + "', " + hold + ", 180, 'Maya A.')");
            }
        }
    }

    private static AmiMessage first(List<AmiMessage> messages, String event) {
        return messages.stream().filter(m -> m.getOrEmpty("Event").equals(event)).findFirst().orElseThrow();
    }
}
