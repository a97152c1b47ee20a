package dev.switchboard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds AMI events with the fields, names and order Asterisk 22 uses (as in the recordings),
 * plus the {@code Timestamp} header Asterisk adds with {@code timestampevents = yes}.
 */
final class AmiEventFactory {

    /** A channel as the events describe it. */
    record Channel(String name, String uniqueid, String linkedid, String callerNumber, String callerName,
                   String context, String exten, int state) {

        String stateDesc() {
            return switch (state) {
                case 4 -> "Ring";
                case 5 -> "Ringing";
                case 6 -> "Up";
                default -> "Down";
            };
        }
    }

    /** A queue member's state, as QueueMember / QueueMemberStatus / QueueMemberPause show it. */
    record Member(String queue, String name, String location, int callsTaken, long lastCall, long lastPause,
                  long loginTime, boolean inCall, int status, boolean paused, String pausedReason) {
    }

    private final Clock clock;

    interface Clock {
        long millis();
    }

    AmiEventFactory(Clock clock) {
        this.clock = clock;
    }

    AmiMessage event(String name, String privilege, String... fields) {
        List<String> all = new ArrayList<>(List.of("Event", name, "Privilege", privilege, "Timestamp", timestamp()));
        all.addAll(List.of(fields));
        return AmiMessage.of(all.toArray(String[]::new));
    }

    AmiMessage channelEvent(String name, String privilege, Channel c, String... extra) {
        List<String> all = new ArrayList<>(channelFields("", c));
        all.addAll(List.of(extra));
        return event(name, privilege, all.toArray(String[]::new));
    }

    /** A channel event about the caller and an agent's channel (AgentCalled, AgentConnect …). */
    AmiMessage agentEvent(String name, Channel caller, Channel agent, String... extra) {
        List<String> all = new ArrayList<>(channelFields("", caller));
        all.addAll(channelFields("Dest", agent));
        all.addAll(List.of(extra));
        return event(name, "agent,all", all.toArray(String[]::new));
    }

    AmiMessage memberEvent(String name, Member m) {
        return event(name, "agent,all", "Queue", m.queue(), "MemberName", m.name(), "Interface", m.location(),
                "StateInterface", m.location(), "Membership", "static", "Penalty", "0",
                "CallsTaken", String.valueOf(m.callsTaken()), "LastCall", String.valueOf(m.lastCall()),
                "LastPause", String.valueOf(m.lastPause()), "LoginTime", String.valueOf(m.loginTime()),
                "InCall", m.inCall() ? "1" : "0", "Status", String.valueOf(m.status()),
                "Paused", m.paused() ? "1" : "0", "PausedReason", m.pausedReason(), "Ringinuse", "0",
                "Wrapuptime", "0");
    }

    /** QueueMember, as listed by QueueStatus (no Privilege, no Timestamp). */
    static AmiMessage queueMember(Member m) {
        return AmiMessage.of("Event", "QueueMember", "Queue", m.queue(), "Name", m.name(), "Location", m.location(),
                "StateInterface", m.location(), "Membership", "static", "Penalty", "0",
                "CallsTaken", String.valueOf(m.callsTaken()), "LastCall", String.valueOf(m.lastCall()),
                "LastPause", String.valueOf(m.lastPause()), "LoginTime", String.valueOf(m.loginTime()),
                "InCall", m.inCall() ? "1" : "0", "Status", String.valueOf(m.status()),
                "Paused", m.paused() ? "1" : "0", "PausedReason", m.pausedReason(), "Wrapuptime", "0");
    }

    static AmiMessage queueEntry(String queue, int position, Channel c, long waitSeconds) {
        return AmiMessage.of("Event", "QueueEntry", "Queue", queue, "Position", String.valueOf(position),
                "Channel", c.name(), "Uniqueid", c.uniqueid(), "CallerIDNum", orUnknown(c.callerNumber()),
                "CallerIDName", orUnknown(c.callerName()), "ConnectedLineNum", "<unknown>",
                "ConnectedLineName", "<unknown>", "Wait", String.valueOf(waitSeconds), "Priority", "0");
    }

    static AmiMessage coreShowChannel(Channel c, String application, String data, long seconds) {
        return AmiMessage.of("Event", "CoreShowChannel", "Channel", c.name(), "ChannelState",
                String.valueOf(c.state()), "ChannelStateDesc", c.stateDesc(), "CallerIDNum", orUnknown(c.callerNumber()),
                "CallerIDName", orUnknown(c.callerName()), "ConnectedLineNum", "<unknown>",
                "ConnectedLineName", "<unknown>", "Language", "en", "AccountCode", "", "Context", c.context(),
                "Exten", c.exten(), "Priority", "1", "Uniqueid", c.uniqueid(), "Linkedid", c.linkedid(),
                "Application", application, "ApplicationData", data,
                "Duration", String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60),
                "BridgeId", "");
    }

    private static List<String> channelFields(String prefix, Channel c) {
        String channelKey = prefix.isEmpty() ? "Channel" : prefix + "Channel";
        return List.of(channelKey, c.name(),
                prefix + "ChannelState", String.valueOf(c.state()),
                prefix + "ChannelStateDesc", c.stateDesc(),
                prefix + "CallerIDNum", orUnknown(c.callerNumber()),
                prefix + "CallerIDName", orUnknown(c.callerName()),
                prefix + "ConnectedLineNum", "<unknown>",
                prefix + "ConnectedLineName", "<unknown>",
                prefix + "Language", "en",
                prefix + "AccountCode", "",
                prefix + "Context", c.context(),
                prefix + "Exten", c.exten(),
                prefix + "Priority", "1",
                prefix + "Uniqueid", c.uniqueid(),
                prefix + "Linkedid", c.linkedid());
    }

    private static String orUnknown(String value) {
        return value == null ? "<unknown>" : value;
    }

    private String timestamp() {
        long ms = clock.millis();
        return String.format(Locale.ROOT, "%d.%06d", ms / 1000, (ms % 1000) * 1000);
    }
}
