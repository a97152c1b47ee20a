package dev.switchboard.testing;

import dev.switchboard.sim.AmiMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated Asterisk answers to the lists a (re)connecting Switchboard asks for, made from
 * a recording's events: the callers waiting (QueueStatus) and the live channels (CoreShowChannels).
 */
public final class AmiSnapshots {

    private AmiSnapshots() {
    }

    /** The recorded QueueStatus plus the caller as Asterisk lists a waiting caller (QueueEntry). */
    public static List<AmiMessage> withEntry(List<AmiMessage> queueStatus, AmiMessage join) {
        List<AmiMessage> list = new ArrayList<>(queueStatus);
        list.add(AmiMessage.of("Event", "QueueEntry", "Queue", join.getOrEmpty("Queue"), "Position",
                join.getOrEmpty("Position"), "Channel", join.getOrEmpty("Channel"), "Uniqueid",
                join.getOrEmpty("Uniqueid"), "CallerIDNum", join.getOrEmpty("CallerIDNum"), "CallerIDName",
                join.getOrEmpty("CallerIDName"), "ConnectedLineNum", join.getOrEmpty("ConnectedLineNum"),
                "ConnectedLineName", join.getOrEmpty("ConnectedLineName"), "Wait", "1", "Priority", "0"));
        return list;
    }

    /** CoreShowChannel for every channel the events created and did not hang up. */
    public static List<AmiMessage> channelsOf(List<AmiMessage> events) {
        List<AmiMessage> channels = new ArrayList<>();
        for (AmiMessage e : events) {
            if (e.getOrEmpty("Event").equals("Newchannel")) {
                channels.add(AmiMessage.of("Event", "CoreShowChannel", "Channel", e.getOrEmpty("Channel"),
                        "Uniqueid", e.getOrEmpty("Uniqueid"), "Linkedid", e.getOrEmpty("Linkedid"),
                        "Application", "Queue", "ApplicationData", "support", "Duration", "00:00:05"));
            } else if (e.getOrEmpty("Event").equals("Hangup")) {
                channels.removeIf(c -> c.getOrEmpty("Uniqueid").equals(e.getOrEmpty("Uniqueid")));
            }
        }
        return channels;
    }
}
