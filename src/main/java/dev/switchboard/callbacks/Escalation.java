package dev.switchboard.callbacks;

import java.time.Instant;

/** Who takes a case over (specialist or supervisor), why, and by when the customer is called back. */
public record Escalation(String to, String reason, Instant dueAt, String assignee) {
}
