package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;

/**
 * {@code case-status}: for the account in {@code CC_ACCOUNT}, the status of its latest open case
 * ({@code CC_CASE_STATUS}: open, scheduled, visited, escalated, resolved … or none) and its id
 * ({@code CC_CASE_ID}, for the dialplan to say).
 */
final class CaseStatusScript extends IvrScript {

    private final IvrLookups lookups;

    CaseStatusScript(IvrLookups lookups, Duration timeout) {
        super(timeout);
        this.lookups = lookups;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        var status = await(lookups.openCase(channel.getVariable("CC_ACCOUNT")));
        channel.setVariable("CC_CASE_STATUS", status.map(IvrLookups.CaseStatus::status).orElse("none"));
        channel.setVariable("CC_CASE_ID", status.map(s -> String.valueOf(s.caseId())).orElse(""));
    }
}
