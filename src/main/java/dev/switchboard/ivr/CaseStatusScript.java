package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * {@code case-status}: for the account in {@code CC_ACCOUNT}, the status of its latest open case
 * ({@code CC_CASE_STATUS}: open, scheduled, …, or none) and its next visit
 * ({@code CC_VISIT_EPOCH} for {@code SayUnixTime}, empty when none is booked).
 */
final class CaseStatusScript extends IvrScript {

    private final IvrLookups lookups;
    private final Duration timeout;

    CaseStatusScript(IvrLookups lookups, Duration timeout) {
        this.lookups = lookups;
        this.timeout = timeout;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        String account = channel.getVariable("CC_ACCOUNT");
        var status = lookups.openCase(account).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).await();
        if (status.isEmpty()) {
            channel.setVariable("CC_CASE_STATUS", "none");
            channel.setVariable("CC_VISIT_EPOCH", "");
            return;
        }
        channel.setVariable("CC_CASE_STATUS", status.get().status());
        channel.setVariable("CC_CASE_ID", String.valueOf(status.get().caseId()));
        channel.setVariable("CC_VISIT_EPOCH", status.get().nextVisit() == null ? ""
                : String.valueOf(status.get().nextVisit().toEpochSecond(ZoneOffset.UTC)));
    }
}
