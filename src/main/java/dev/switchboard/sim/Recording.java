package dev.switchboard.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A recorded AMI session (JSONL: a banner line, then one message per line with its time since
 * the start). The recorder's own start-up actions (login, QueueStatus, QueueSummary,
 * CoreShowChannels) are set aside as {@link #snapshots()}: the simulator answers a client's
 * action of that name with the recorded list. Everything else is the live {@link #stream()}.
 */
public record Recording(String banner, Map<String, List<AmiMessage>> snapshots, List<Timed> stream) {

    /** A message and when, in milliseconds since the recording started, it arrived. */
    public record Timed(long ms, AmiMessage message) {
    }

    public static Recording read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        String banner = new JsonObject(lines.get(0)).getString("banner", "Asterisk Call Manager/11.0.0");
        Map<String, String> actionOfList = new HashMap<>();
        Set<String> openLists = new HashSet<>();
        Map<String, List<AmiMessage>> snapshots = new HashMap<>();
        List<Timed> stream = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonObject json = new JsonObject(lines.get(i));
            AmiMessage message = AmiMessage.fromLines(strings(json.getJsonArray("lines")));
            Optional<String> actionId = message.get("ActionID");
            if (actionId.isPresent() && openLists.contains(actionId.get())) {
                String name = actionOfList.get(actionId.get());
                if ("Complete".equalsIgnoreCase(message.getOrEmpty("EventList"))) {
                    openLists.remove(actionId.get());
                } else {
                    snapshots.computeIfAbsent(name, k -> new ArrayList<>()).add(message.with("ActionID", ""));
                }
            } else if (actionId.isPresent() && message.get("Response").isPresent()) {
                // the recorder's own action: a list that follows, or a single reply (its login)
                if ("start".equalsIgnoreCase(message.getOrEmpty("EventList"))) {
                    openLists.add(actionId.get());
                    actionOfList.put(actionId.get(), listName(message));
                }
            } else {
                stream.add(new Timed(json.getLong("ms", 0L), message));
            }
        }
        return new Recording(banner, Map.copyOf(snapshots), List.copyOf(stream));
    }

    /** Which action a recorded list answered, from its announcement ("Queue status will follow"). */
    private static String listName(AmiMessage start) {
        String text = start.getOrEmpty("Message").toLowerCase();
        if (text.contains("queue status")) {
            return "QueueStatus";
        }
        if (text.contains("queue summary")) {
            return "QueueSummary";
        }
        if (text.contains("channels")) {
            return "CoreShowChannels";
        }
        return text;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return out;
    }

    /** The events a client that asks for {@code action} gets, e.g. QueueParams and QueueMember for QueueStatus. */
    public List<AmiMessage> snapshot(String action) {
        return snapshots.getOrDefault(action, List.of());
    }
}
