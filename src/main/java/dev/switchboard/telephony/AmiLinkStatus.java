package dev.switchboard.telephony;

import java.util.Locale;

/**
 * One AMI link as the service sees it: its state and detail, how often it was lost and came back,
 * how many watchdog Pings were late on a busy link, and why it was last lost ("" if never).
 */
public record AmiLinkStatus(String server, LinkState state, String detail, long reconnects, long latePings,
                            String lastLoss) {

    /** For a person reading a failure: "link UP (0 waiting, 0 channels), 1 reconnect: no answer to Ping …". */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "link %s (%s), %d reconnect%s", state,
                detail, reconnects, reconnects == 1 ? "" : "s"));
        if (!lastLoss.isEmpty()) {
            text.append(", last lost: ").append(lastLoss);
        }
        if (latePings > 0) {
            text.append(", ").append(latePings).append(" late Ping").append(latePings == 1 ? "" : "s");
        }
        return text.toString();
    }
}
