package dev.switchboard.calls;

/** Names one call: the Asterisk it happened on and its Linkedid. */
public record CallJourneyRef(String server, String linkedid) {
}
