package dev.switchboard.ivr;

import dev.switchboard.telephony.RateLimitedLog;
import io.vertx.core.Future;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A FastAGI script that answers by setting channel variables for the dialplan. If the answer
 * cannot be found in time (a slow or absent database), it sets {@code CC_ERROR=1} instead of
 * failing, so the dialplan can send the caller to an agent rather than drop them. Runs on the
 * AGI server's threads, never on the event loop; waits for the database at most the timeout.
 */
abstract class IvrScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(IvrScript.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, 10_000);
    /** What may reach an argument check at all: anything longer is refused unread. */
    private static final int MAX_ARGUMENT_LENGTH = 80;

    private final Duration timeout;

    IvrScript(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public final void service(AgiRequest request, AgiChannel channel) throws AgiException {
        try {
            answer(request, channel);
        } catch (AgiHangupException e) {
            log.debug("Caller hung up during IVR script {} on {}", request.getScript(), request.getChannel());
        } catch (AgiException e) {
            throw e;
        } catch (Exception e) {
            // a database error or its timeout (Future.await rethrows checked exceptions as they are)
            failures.warn("IVR script {} failed for {}: {}", request.getScript(), request.getChannel(), e.toString());
            channel.setVariable("CC_ERROR", "1");
        }
    }

    /** Looks up what the caller asked and sets the variables the dialplan reads. */
    protected abstract void answer(AgiRequest request, AgiChannel channel) throws AgiException;

    /** The database's answer, waited for on this AGI thread for at most the script's timeout. */
    protected <T> T await(Future<T> answer) {
        return answer.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).await();
    }

    /** The {@code n}th argument of the AGI call ({@code agi_arg_n}, from 1), trimmed, or empty. */
    protected static String argument(AgiRequest request, int n) {
        String[] arguments = request.getArguments();
        return arguments == null || arguments.length < n || arguments[n - 1] == null ? "" : arguments[n - 1].trim();
    }

    /** The argument if it matches {@code allowed} (and is not overly long), else empty. */
    protected static String argument(AgiRequest request, int n, Pattern allowed) {
        String value = argument(request, n);
        return value.length() <= MAX_ARGUMENT_LENGTH && allowed.matcher(value).matches() ? value : "";
    }
}
