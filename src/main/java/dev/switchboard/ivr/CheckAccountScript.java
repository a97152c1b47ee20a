package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;

/**
 * {@code check-account,DIGITS}: the digits the caller keyed are an account number →
 * {@code __CC_ACCOUNT} and {@code CC_VALID=1}; anything else (unknown, not 4–12 digits, hostile
 * input) → {@code CC_VALID=0}, and the dialplan asks again or moves on politely.
 */
final class CheckAccountScript extends IvrScript {

    private final IvrLookups lookups;

    CheckAccountScript(IvrLookups lookups, Duration timeout) {
        super(timeout);
        this.lookups = lookups;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        var account = await(lookups.byAccountNumber(argument(request, 1, IvrLookups.ACCOUNT_NUMBER)));
        if (account.isPresent()) {
            channel.setVariable("__CC_ACCOUNT", account.get().number());
            channel.setVariable("CC_VALID", "1");
        } else {
            channel.setVariable("CC_VALID", "0");
        }
    }
}
