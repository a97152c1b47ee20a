package dev.switchboard.telephony;

import dev.switchboard.telephony.TelephonyEvent.LiveChannel;
import dev.switchboard.telephony.TelephonyEvent.MemberState;
import dev.switchboard.telephony.TelephonyEvent.QueueParameters;
import dev.switchboard.telephony.TelephonyEvent.Resynchronised;
import dev.switchboard.telephony.TelephonyEvent.WaitingCaller;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks one Asterisk what is going on right now: CoreShowChannels (every channel with its
 * Linkedid), then QueueStatus (its queues, their members, who waits where and for how long). QueueEntry carries no
 * Linkedid, so each waiting caller is tied to its call through its channel's Uniqueid.
 * Blocking; runs on the link's worker.
 */
final class Resync {

    private final ManagerConnection connection;
    private final String server;
    private final Duration timeout;

    Resync(ManagerConnection connection, String server, Duration timeout) {
        this.connection = connection;
        this.server = server;
        this.timeout = timeout;
    }

    Resynchronised run() throws Exception {
        List<LiveChannel> channels = new ArrayList<>();
        for (ResponseEvent event : ask(new CoreShowChannelsAction())) {
            if (event instanceof CoreShowChannelEvent channel && channel.getUniqueid() != null) {
                channels.add(new LiveChannel(channel.getUniqueid(), channel.getLinkedid(), channel.getChannel()));
            }
        }
        Map<String, String> linkedidByUniqueid = new HashMap<>();
        channels.forEach(c -> linkedidByUniqueid.put(c.uniqueid(), c.linkedid()));
        List<WaitingCaller> waiting = new ArrayList<>();
        List<QueueParameters> queues = new ArrayList<>();
        List<MemberState> members = new ArrayList<>();
        Instant at = Instant.now();
        for (ResponseEvent event : ask(new QueueStatusAction())) {
            if (event instanceof QueueParamsEvent params && params.getQueue() != null) {
                queues.add(new QueueParameters(params.getQueue(),
                        params.getServiceLevel() == null ? 0 : params.getServiceLevel()));
            } else if (event instanceof QueueMemberEvent member && member.getQueue() != null) {
                EventTranslator.member(server, at, member).ifPresent(members::add);
            } else if (event instanceof QueueEntryEvent entry && entry.getUniqueId() != null && entry.getQueue() != null) {
                waiting.add(new WaitingCaller(entry.getQueue(), entry.getPosition() == null ? 0 : entry.getPosition(),
                        entry.getUniqueId(), linkedidByUniqueid.getOrDefault(entry.getUniqueId(), entry.getUniqueId()),
                        EventTranslator.callerNumber(entry.getCallerIdNum()),
                        EventTranslator.callerName(entry.getCallerIdName()),
                        entry.getWait() == null ? 0 : entry.getWait()));
            }
        }
        return new Resynchronised(server, at, queues, members, waiting, channels);
    }

    private Collection<ResponseEvent> ask(EventGeneratingAction action) throws Exception {
        ResponseEvents answer = connection.sendEventGeneratingAction(action, timeout.toMillis());
        if (answer.getResponse() instanceof ManagerError error) {
            throw new IllegalStateException(action.getAction() + " refused: " + error.getMessage());
        }
        return answer.getEvents();
    }
}
