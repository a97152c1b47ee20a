package dev.switchboard.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a service request stands, and where it may go from there. Work is done in {@code visited}
 * (the engineer reported) and {@code resolved} (settled without a visit, e.g. on the call): only
 * from those may a case be closed. A visit that did not finish the job (follow-up needed, no
 * access, customer not home) sends the case from {@code visited} back to {@code open} for the next
 * visit. A closed case may be reopened; a cancelled one stays cancelled.
 */
public enum CaseStatus {
    OPEN, SCHEDULED, VISITED, RESOLVED, ESCALATED, WAITING_PARTS, CLOSED, CANCELLED;

    private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = Map.of(
            OPEN, EnumSet.of(SCHEDULED, RESOLVED, ESCALATED, WAITING_PARTS, CANCELLED),
            SCHEDULED, EnumSet.of(VISITED, OPEN, ESCALATED, WAITING_PARTS, CANCELLED),
            VISITED, EnumSet.of(CLOSED, OPEN, SCHEDULED, WAITING_PARTS, ESCALATED),
            RESOLVED, EnumSet.of(CLOSED, OPEN),
            ESCALATED, EnumSet.of(OPEN, SCHEDULED, RESOLVED, CANCELLED),
            WAITING_PARTS, EnumSet.of(SCHEDULED, OPEN, CANCELLED),
            CLOSED, EnumSet.of(OPEN),
            CANCELLED, EnumSet.noneOf(CaseStatus.class));

    public Set<CaseStatus> next() {
        return ALLOWED.get(this);
    }

    public boolean mayBecome(CaseStatus to) {
        return next().contains(to);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseStatus> fromCode(String code) {
        for (CaseStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
