package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;

/**
 * {@code identify-caller}: the caller ID names exactly one account → {@code __CC_ACCOUNT} (inherited
 * by the agent's channel, for the screen pop) and {@code CC_IDENTIFIED=1}; else
 * {@code CC_IDENTIFIED=0} and the dialplan asks for the account number.
 */
final class IdentifyCallerScript extends IvrScript {

    private final IvrLookups lookups;

    IdentifyCallerScript(IvrLookups lookups, Duration timeout) {
        super(timeout);
        this.lookups = lookups;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        var account = await(lookups.byCallerId(request.getCallerIdNumber()));
        if (account.isPresent()) {
            channel.setVariable("__CC_ACCOUNT", account.get().number());
            channel.setVariable("CC_IDENTIFIED", "1");
        } else {
            channel.setVariable("CC_IDENTIFIED", "0");
        }
    }
}
