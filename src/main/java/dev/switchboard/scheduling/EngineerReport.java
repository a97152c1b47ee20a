package dev.switchboard.scheduling;

/**
 * What the engineer reports after a visit. {@code outcome}: fixed, follow_up (another visit is
 * needed), no_access or not_home — every outcome but fixed asks for another visit.
 */
public record EngineerReport(String outcome, String workDone, String partsUsed, int minutesOnSite) {

    public boolean needsAnotherVisit() {
        return !outcome.equals("fixed");
    }
}
