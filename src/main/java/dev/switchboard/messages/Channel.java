package dev.switchboard.messages;

import io.vertx.core.Future;

/** A way to deliver a message: succeeds once the server or gateway has taken it. */
interface Channel {

    enum Kind {
        EMAIL("email"), SMS("sms");

        final String code;

        Kind(String code) {
            this.code = code;
        }

        static Kind of(String code) {
            return "sms".equals(code) ? SMS : EMAIL;
        }
    }

    Future<Void> send(OutgoingMessage message);
}
