package dev.switchboard.ivr;

import dev.switchboard.callbacks.CallbackQueue;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code callback-result,CALLBACK_ID,DIALSTATUS}: the callback context's hangup handler reports
 * how dialling the customer went (Dial's {@code DIALSTATUS}). Sets {@code CC_CALLBACK_STATUS}:
 * done, pending (another try later), failed (tries used up), or unknown.
 */
final class CallbackResultScript extends IvrScript {

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DIAL_STATUS = Pattern.compile("[A-Za-z]{1,20}");

    private final CallbackQueue callbacks;

    CallbackResultScript(CallbackQueue callbacks, Duration timeout) {
        super(timeout);
        this.callbacks = callbacks;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        String id = argument(request, 1, ID);
        String dialStatus = argument(request, 2, DIAL_STATUS);
        if (id.isEmpty()) {
            channel.setVariable("CC_CALLBACK_STATUS", "unknown");
            return;
        }
        var attempt = await(callbacks.customerOutcome(Long.parseLong(id), dialStatus));
        channel.setVariable("CC_CALLBACK_STATUS", attempt.map(CallbackQueue.Attempt::status).orElse("unknown"));
    }
}
