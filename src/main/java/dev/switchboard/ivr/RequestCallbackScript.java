package dev.switchboard.ivr;

import dev.switchboard.callbacks.CallbackQueue;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code request-callback,QUEUE,QUEUED_AT[,NUMBER]}: books a callback instead of waiting.
 * {@code QUEUED_AT} (epoch seconds, {@code ${EPOCH}} when the caller started waiting) keeps the
 * caller's place; {@code NUMBER} is the number to call when it is not the caller ID. Sets
 * {@code CC_CALLBACK_OK=1}, {@code CC_CALLBACK_ID}, {@code CC_CALLBACK_AHEAD} (callbacks before
 * it) and {@code CC_CALLBACK=QUEUE}, which tells Switchboard the caller left the queue for a
 * callback and did not abandon; else {@code CC_CALLBACK_OK=0} and {@code CC_CALLBACK_REASON}
 * ({@code no-number}: ask for one; {@code number-not-allowed}: not a number callbacks may dial, see
 * {@link dev.switchboard.callbacks.CallbackNumbers}; {@code premium-rate}: never dialled;
 * {@code bad-request}: a dialplan mistake).
 */
final class RequestCallbackScript extends IvrScript {

    static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,10}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{6,15}");

    private final CallbackQueue callbacks;

    RequestCallbackScript(CallbackQueue callbacks, Duration timeout) {
        super(timeout);
        this.callbacks = callbacks;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        String queue = argument(request, 1, QUEUE);
        String queuedAt = argument(request, 2, EPOCH);
        String number = argument(request, 3, NUMBER);
        if (queue.isEmpty()) {
            refuse(channel, "bad-request");
            return;
        }
        CallbackQueue.Booking booking = await(callbacks.request(new CallbackQueue.Request(queue,
                number.isEmpty() ? request.getCallerIdNumber() : number, channel.getVariable("CC_ACCOUNT"),
                queuedAt.isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(queuedAt)))));
        if (booking instanceof CallbackQueue.Refused refused) {
            refuse(channel, refused.reason());
        } else if (booking instanceof CallbackQueue.Booked booked) {
            channel.setVariable("CC_CALLBACK", queue);
            channel.setVariable("CC_CALLBACK_ID", String.valueOf(booked.id()));
            channel.setVariable("CC_CALLBACK_AHEAD", String.valueOf(booked.ahead()));
            channel.setVariable("CC_CALLBACK_OK", "1");
        }
    }

    private static void refuse(AgiChannel channel, String reason) throws AgiException {
        channel.setVariable("CC_CALLBACK_OK", "0");
        channel.setVariable("CC_CALLBACK_REASON", reason);
    }
}
