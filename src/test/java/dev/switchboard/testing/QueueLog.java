package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asterisk's own queue_log, read independently of Switchboard's code: for every call id (the
 * Uniqueid of the channel in the queue) the queue legs it had and how each one ended.
 * Line format: {@code time|callid|queue|agent|event|data1|data2|...}.
 */
public final class QueueLog {

    /** One stay in one queue as Asterisk logged it. Hold and talk in seconds. */
    public static final class Leg {
        public final String callId;
        public final String queue;
        public final String callerId;
        public final int position;
        /** When it entered the queue: queue_log's time, Unix seconds. */
        public final long enteredAt;
        public String outcome;
        public Long holdSeconds;
        public Long talkSeconds;
        public String agent;
        public String completedBy;
        public int ringNoAnswers;
        /** The agents who let it ring without answering, in order. */
        public final List<String> notAnsweredBy = new ArrayList<>();

        Leg(String callId, String queue, String callerId, int position, long enteredAt) {
            this.callId = callId;
            this.queue = queue;
            this.callerId = callerId;
            this.position = position;
            this.enteredAt = enteredAt;
        }

        @Override
        public String toString() {
            return callId + " " + queue + " " + outcome + " hold=" + holdSeconds + " talk=" + talkSeconds
                    + " agent=" + agent + " by=" + completedBy + " rna=" + ringNoAnswers + " caller=" + callerId;
        }
    }

    private final Map<String, List<Leg>> legsByCall = new LinkedHashMap<>();

    public static QueueLog read(Path file) throws IOException {
        QueueLog log = new QueueLog();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                log.apply(line.split("\\|", -1));
            }
        }
        return log;
    }

    private void apply(String[] f) {
        String callId = f[1];
        String queue = f[2];
        String agent = f[3];
        String event = f[4];
        if (event.equals("ENTERQUEUE")) {
            String callerId = f.length > 6 && !f[6].isEmpty() ? f[6] : null;
            int position = f.length > 7 && !f[7].isEmpty() ? Integer.parseInt(f[7]) : 0;
            legsByCall.computeIfAbsent(callId, k -> new ArrayList<>()).add(new Leg(callId, queue, callerId, position,
                    Long.parseLong(f[0])));
            return;
        }
        Leg leg = current(callId, queue);
        if (leg == null) {
            return;
        }
        switch (event) {
            case "CONNECT" -> {
                leg.outcome = "answered";
                leg.holdSeconds = Long.parseLong(f[5]);
                leg.agent = agent;
            }
            case "COMPLETECALLER", "COMPLETEAGENT" -> {
                leg.completedBy = event.equals("COMPLETECALLER") ? "caller" : "agent";
                leg.talkSeconds = Long.parseLong(f[6]);
            }
            case "ABANDON" -> {
                leg.outcome = "abandoned";
                leg.holdSeconds = Long.parseLong(f[7]);
            }
            case "EXITWITHTIMEOUT" -> {
                leg.outcome = "timeout";
                leg.holdSeconds = Long.parseLong(f[7]);
            }
            case "RINGNOANSWER" -> {
                leg.ringNoAnswers++;
                leg.notAnsweredBy.add(agent);
            }
            default -> {
                // PAUSE, UNPAUSE, RINGCANCELED …: not about the outcome of a leg.
            }
        }
    }

    private Leg current(String callId, String queue) {
        List<Leg> legs = legsByCall.get(callId);
        if (legs == null) {
            return null;
        }
        for (int i = legs.size() - 1; i >= 0; i--) {
            if (legs.get(i).queue.equals(queue)) {
                return legs.get(i);
            }
        }
        return null;
    }

    /** Call id → its legs, in the order Asterisk logged them. */
    public Map<String, List<Leg>> legsByCall() {
        return legsByCall;
    }
}
