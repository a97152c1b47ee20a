package dev.switchboard.messages;

/** A claimed message, as the channel sends it. {@code key} is stable across tries (Message-ID, idempotency key). */
public record OutgoingMessage(long id, String key, long caseId, Long visitId, String kind, String channel,
                              String recipient, String subject, String body, String calendar, int attempts) {
}
