package dev.switchboard.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A journey as JSON, both ways: what {@code GET /api/calls} serves, and what is written to disk
 * while the database is away (so the two never drift apart).
 */
public final class JourneyJson {

    private JourneyJson() {
    }

    public static JsonObject toJson(JourneyRecord j) {
        JsonArray legs = new JsonArray();
        for (LegRecord leg : j.legs()) {
            JsonArray rings = new JsonArray();
            leg.rings().forEach(ring -> rings.add(new JsonObject()
                    .put("ringNo", ring.ringNo())
                    .put("agent", ring.agentName())
                    .put("agentInterface", ring.agentInterface())
                    .put("at", text(ring.rungAt()))
                    .put("outcome", ring.outcome())
                    .put("ringMs", ring.ringMillis())
                    .put("source", ring.source().code())));
            legs.add(new JsonObject()
                    .put("legNo", leg.legNo())
                    .put("queue", leg.queue())
                    .put("joinedAt", text(leg.joinedAt()))
                    .put("joinedSource", leg.joinedSource().code())
                    .put("position", leg.position())
                    .put("originalPosition", leg.originalPosition())
                    .put("outcome", leg.outcome() == null ? null : leg.outcome().code())
                    .put("outcomeSource", code(leg.outcomeSource()))
                    .put("leftAt", text(leg.leftAt()))
                    .put("holdSeconds", leg.holdSeconds())
                    .put("ringSeconds", leg.ringSeconds())
                    .put("agent", leg.agentName())
                    .put("agentInterface", leg.agentInterface())
                    .put("talkSeconds", leg.talkSeconds())
                    .put("completedBy", leg.completedBy())
                    .put("ringNoAnswers", leg.ringNoAnswers())
                    .put("rings", rings)
                    .put("uniqueid", leg.uniqueid()));
        }
        return new JsonObject()
                .put("linkedid", j.linkedid())
                .put("server", j.server())
                .put("source", j.source().code())
                .put("callerNumber", j.callerNumber())
                .put("callerName", j.callerName())
                .put("account", j.ivrAccount())
                .put("startedAt", text(j.startedAt()))
                .put("ivrSeconds", j.ivrSeconds())
                .put("endedAt", text(j.endedAt()))
                .put("endedSource", code(j.endedSource()))
                .put("channels", new JsonArray(j.channels().stream().sorted().toList()))
                .put("legs", legs);
    }

    /**
     * The journey {@link #toJson} wrote; throws IllegalArgumentException when it is not one. A
     * journey written before sources were kept has AMI's for every fact it holds.
     */
    public static JourneyRecord fromJson(JsonObject json) {
        try {
            List<LegRecord> legs = new ArrayList<>();
            for (Object l : json.getJsonArray("legs")) {
                JsonObject leg = (JsonObject) l;
                List<RingRecord> rings = new ArrayList<>();
                for (Object r : leg.getJsonArray("rings")) {
                    JsonObject ring = (JsonObject) r;
                    rings.add(new RingRecord(ring.getInteger("ringNo"), ring.getString("agent"),
                            ring.getString("agentInterface"), instant(ring.getString("at")), ring.getString("outcome"),
                            ring.getLong("ringMs"), FactSource.fromCode(ring.getString("source"))));
                }
                legs.add(new LegRecord(leg.getInteger("legNo"), leg.getString("uniqueid"), leg.getString("queue"),
                        instant(leg.getString("joinedAt")), leg.getInteger("position"),
                        leg.getInteger("originalPosition"), LegOutcome.fromCode(leg.getString("outcome")),
                        instant(leg.getString("leftAt")), leg.getLong("holdSeconds"), leg.getLong("ringSeconds"),
                        leg.getLong("talkSeconds"), leg.getString("agent"), leg.getString("agentInterface"),
                        leg.getInteger("ringNoAnswers"), leg.getString("completedBy"), rings,
                        FactSource.fromCode(leg.getString("joinedSource")),
                        sourceOf(leg, "outcome", "outcomeSource")));
            }
            return new JourneyRecord(json.getString("server"), json.getString("linkedid"),
                    json.getString("callerNumber"), json.getString("callerName"), json.getString("account"),
                    instant(json.getString("startedAt")), json.getLong("ivrSeconds"), instant(json.getString("endedAt")),
                    legs, FactSource.fromCode(json.getString("source")), sourceOf(json, "endedAt", "endedSource"),
                    channels(json.getJsonArray("channels")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored journey: " + e.getMessage(), e);
        }
    }

    /** The channels a journey names; none in a journey written before they were kept. */
    private static Set<String> channels(JsonArray channels) {
        Set<String> uniqueids = new HashSet<>();
        if (channels != null) {
            channels.forEach(uniqueid -> uniqueids.add((String) uniqueid));
        }
        return uniqueids;
    }

    private static FactSource sourceOf(JsonObject json, String fact, String source) {
        return json.getValue(fact) == null ? null : FactSource.fromCode(json.getString(source));
    }

    private static String code(FactSource source) {
        return source == null ? null : source.code();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
