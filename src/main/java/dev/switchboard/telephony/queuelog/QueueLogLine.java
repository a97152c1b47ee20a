package dev.switchboard.telephony.queuelog;

import java.util.List;

/**
 * One whole line of Asterisk's queue_log: {@code time|callid|queue|agent|event|data1|data2|…}.
 * {@code epochSecond} is Asterisk's {@code time(NULL)}; {@code callid} is the Uniqueid of the
 * caller's channel in the queue, or {@code NONE}; {@code agent} is the member name (with
 * {@code log_membername_as_agent}) or {@code NONE}. {@code offset} is the byte offset of the line's
 * first byte in its file, {@code endOffset} that of the byte after its newline.
 */
public record QueueLogLine(long epochSecond, String callid, String queue, String agent, String event,
                           List<String> data, long offset, long endOffset) {

    public QueueLogLine {
        data = List.copyOf(data);
    }

    /** The n-th data field (1-based, as Asterisk's data1, data2 …), or null when absent or empty. */
    public String data(int n) {
        return n >= 1 && n <= data.size() && !data.get(n - 1).isEmpty() ? data.get(n - 1) : null;
    }

    /** The n-th data field as a number, or null when absent or empty (the parser refused lines where it is not a number). */
    public Long number(int n) {
        String value = data(n);
        return value == null ? null : Long.valueOf(value.trim());
    }

    /** The n-th data field counted from the end (1 = the last non-empty field), as a number, or null. */
    public Long numberFromEnd(int n) {
        int last = lastNonEmpty();
        return n >= 1 && last - n + 1 >= 1 ? number(last - n + 1) : null;
    }

    /** 1-based index of the last non-empty data field, 0 when there is none. */
    int lastNonEmpty() {
        for (int i = data.size(); i >= 1; i--) {
            if (!data.get(i - 1).isEmpty()) {
                return i;
            }
        }
        return 0;
    }

    /** Whether the line is about a caller (has a call id) rather than about members or Asterisk. */
    public boolean aboutACall() {
        return !callid.isEmpty() && !callid.equals("NONE") && !callid.equals("REALTIME");
    }
}
