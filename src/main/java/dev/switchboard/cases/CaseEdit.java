package dev.switchboard.cases;

/** An edit of a case's details, with an optional reason for the audit trail. */
public record CaseEdit(String category, String priority, String description, String reason) {
}
