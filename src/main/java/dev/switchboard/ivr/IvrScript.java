package dev.switchboard.ivr;

import dev.switchboard.telephony.RateLimitedLog;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FastAGI script that answers by setting channel variables for the dialplan. If the answer
 * cannot be found in time (a slow or absent database), it sets {@code CC_ERROR=1} instead of
 * failing, so the dialplan can send the caller to an agent rather than drop them. Runs on the
 * AGI server's threads, never on the event loop.
 */
abstract class IvrScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(IvrScript.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, 10_000);

    @Override
    public final void service(AgiRequest request, AgiChannel channel) throws AgiException {
        try {
            answer(request, channel);
        } catch (AgiException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.warn("IVR script {} failed for {}: {}", request.getScript(), request.getChannel(), e.toString());
            channel.setVariable("CC_ERROR", "1");
        }
    }

    /** Looks up what the caller asked and sets the variables the dialplan reads. */
    protected abstract void answer(AgiRequest request, AgiChannel channel) throws AgiException;

    /** The first argument of the AGI call ({@code agi_arg_1}), or empty. */
    protected static String argument(AgiRequest request) {
        String[] arguments = request.getArguments();
        return arguments == null || arguments.length == 0 || arguments[0] == null ? "" : arguments[0].trim();
    }
}
