package dev.switchboard.messages;

/** Event-bus addresses of the messages capability (local only, never bridged to the browser). */
public final class MessagesAddresses {

    /** Published after a transaction that wrote messages commits: the sender looks at once. */
    public static final String WRITTEN = "messages.written";

    private MessagesAddresses() {
    }
}
