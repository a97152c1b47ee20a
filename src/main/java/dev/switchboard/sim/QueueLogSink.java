package dev.switchboard.sim;

/**
 * Where a simulated call centre writes its queue_log lines, as Asterisk writes its own: one
 * complete line at a time ({@code time|callid|queue|agent|event|data...}, no newline), in the
 * order the steps happen.
 */
public interface QueueLogSink {

    /** No queue_log: the lines are dropped. */
    QueueLogSink NONE = line -> { };

    void append(String line);
}
