package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;

/**
 * {@code next-visit}: the next engineer visit booked for the account in {@code CC_ACCOUNT}:
 * {@code CC_VISIT_EPOCH} and {@code CC_VISIT_END_EPOCH} (the arrival window, epoch seconds for
 * {@code SayUnixTime}), or both empty when none is booked.
 */
final class NextVisitScript extends IvrScript {

    private final IvrLookups lookups;

    NextVisitScript(IvrLookups lookups, Duration timeout) {
        super(timeout);
        this.lookups = lookups;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        var visit = await(lookups.nextVisit(channel.getVariable("CC_ACCOUNT")));
        channel.setVariable("CC_VISIT_EPOCH", visit.map(v -> String.valueOf(v.startsAt().getEpochSecond())).orElse(""));
        channel.setVariable("CC_VISIT_END_EPOCH", visit.map(v -> String.valueOf(v.endsAt().getEpochSecond())).orElse(""));
    }
}
