package dev.switchboard.sim;

import dev.switchboard.testing.Recordings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the generator sends has the fields of the same event in the real Asterisk 22
 * recordings, in the same order (Asterisk's optional Timestamp header aside). The simulation
 * runs on virtual time here, so hours of traffic take milliseconds.
 */
class GeneratorFollowsRecordingsTest {

    @Test
    void generated_events_have_the_recorded_fields_in_the_recorded_order() throws Exception {
        Map<String, List<String>> recorded = recordedFieldsByEvent();
        VirtualTime time = new VirtualTime(1_795_346_000_000L);
        List<AmiMessage> sent = new ArrayList<>();
        SimulatedCallCentre centre = new SimulatedCallCentre(TrafficProfile.demo(12, 2, 300, 11), time, sent::add, 500,
                () -> { });
        centre.start();
        time.runAll();
        sent.addAll(centre.snapshot("QueueStatus"));
        sent.addAll(centre.snapshot("QueueSummary"));

        assertThat(centre.finishedCalls()).hasSize(500);
        Map<String, List<String>> generated = new LinkedHashMap<>();
        for (AmiMessage message : sent) {
            generated.putIfAbsent(eventName(message), keys(message));
        }
        assertThat(generated.keySet()).contains("Newchannel", "VarSet", "UserEvent", "QueueCallerJoin",
                "AgentCalled", "AgentRingNoAnswer", "AgentConnect", "QueueCallerLeave", "AgentComplete",
                "QueueCallerAbandon", "QueueMemberStatus", "QueueMemberPause", "Hangup", "QueueParams",
                "QueueMember", "QueueSummary");
        for (Map.Entry<String, List<String>> event : generated.entrySet()) {
            if (recorded.containsKey(event.getKey())) {
                assertThat(event.getValue()).as(event.getKey()).isEqualTo(recorded.get(event.getKey()));
            }
        }
        assertThat(generated.keySet()).as("only QueueEntry and CoreShowChannel are missing from the recordings")
                .allMatch(name -> recorded.containsKey(name) || name.equals("QueueEntry")
                        || name.equals("CoreShowChannel"));
    }

    private static Map<String, List<String>> recordedFieldsByEvent() throws Exception {
        Map<String, List<String>> fields = new HashMap<>();
        try (Stream<Path> files = Files.list(Recordings.directory())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                Recording recording = Recording.read(file);
                List<AmiMessage> all = new ArrayList<>();
                recording.stream().forEach(t -> all.add(t.message()));
                recording.snapshots().values().forEach(all::addAll);
                for (AmiMessage message : all) {
                    // the recorder's AgentComplete sometimes lacks the caller's channel: keep a full one
                    List<String> keys = keys(message);
                    fields.merge(eventName(message), keys, (a, b) -> a.size() >= b.size() ? a : b);
                }
            }
        }
        return fields;
    }

    private static String eventName(AmiMessage message) {
        String name = message.getOrEmpty("Event");
        return name;
    }

    private static List<String> keys(AmiMessage message) {
        return message.fields().stream().map(AmiMessage.Field::key)
                .filter(k -> !k.equals("Timestamp") && !k.equals("ActionID"))
                .toList();
    }
}
