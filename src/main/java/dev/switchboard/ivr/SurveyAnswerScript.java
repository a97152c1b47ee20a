package dev.switchboard.ivr;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code survey-answer,SCORE,LINKEDID[,AGENT]}: after the agent hangs up, the caller rates the call
 * 1–5. Stored once per call with the account in {@code CC_ACCOUNT} and the agent (Queue's
 * {@code MEMBERNAME}). {@code CC_SURVEY_OK=1} when stored; 0 for anything but one digit 1–5
 * (the dialplan may ask again) or a call already rated.
 */
final class SurveyAnswerScript extends IvrScript {

    private static final Pattern SCORE = Pattern.compile("[1-5]");
    private static final Pattern LINKEDID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern AGENT = Pattern.compile("[\\p{L}\\p{N} ._'-]{1,80}");

    private final IvrLookups lookups;

    SurveyAnswerScript(IvrLookups lookups, Duration timeout) {
        super(timeout);
        this.lookups = lookups;
    }

    @Override
    protected void answer(AgiRequest request, AgiChannel channel) throws AgiException {
        String score = argument(request, 1, SCORE);
        String linkedid = argument(request, 2, LINKEDID);
        if (score.isEmpty() || linkedid.isEmpty()) {
            channel.setVariable("CC_SURVEY_OK", "0");
            return;
        }
        boolean stored = await(lookups.rateCall(linkedid, channel.getVariable("CC_ACCOUNT"),
                argument(request, 3, AGENT), Integer.parseInt(score)));
        channel.setVariable("CC_SURVEY_OK", stored ? "1" : "0");
    }
}
