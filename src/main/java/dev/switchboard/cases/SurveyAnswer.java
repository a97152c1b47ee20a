package dev.switchboard.cases;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A customer's answer: satisfaction {@code score} 1–5, how likely they are to recommend us
 * ({@code nps} 0–10, null when skipped) and an optional comment. Read from the API's JSON or from
 * the survey page's form; what is wrong goes into {@code problems}, one message per field.
 */
public record SurveyAnswer(int score, Integer nps, String comment) {

    public static final int MAX_COMMENT = 2000;

    public String noteText() {
        return "score " + score + (nps == null ? "" : ", recommend " + nps + "/10")
                + (comment == null ? "" : ": " + comment);
    }

    /** From {@code {"score": 1–5, "nps": 0–10 or null, "comment": text or null}}; null when something is wrong. */
    static SurveyAnswer fromJson(JsonObject body, Map<String, String> problems) {
        Object score = body.getValue("score");
        if (!(score instanceof Integer s) || s < 1 || s > 5) {
            problems.put("score", "must be a whole number from 1 to 5");
        }
        Object nps = body.getValue("nps");
        if (nps != null && (!(nps instanceof Integer n) || n < 0 || n > 10)) {
            problems.put("nps", "must be a whole number from 0 to 10, or left out");
        }
        Object comment = body.getValue("comment");
        if (comment != null && (!(comment instanceof String c) || c.length() > MAX_COMMENT)) {
            problems.put("comment", "must be text of at most " + MAX_COMMENT + " characters");
        }
        return problems.isEmpty() ? new SurveyAnswer((Integer) score, (Integer) nps, (String) comment) : null;
    }

    /** From the page's form fields score, nps (empty: skipped) and comment; messages the customer can act on. */
    static SurveyAnswer fromForm(MultiMap form, Map<String, String> problems) {
        Integer score = wholeNumber(form.get("score"), 1, 5);
        if (score == null) {
            problems.put("score", "Please choose how satisfied you are, from 1 to 5.");
        }
        String npsText = form.get("nps");
        Integer nps = npsText == null || npsText.isBlank() ? null : wholeNumber(npsText, 0, 10);
        if (nps == null && npsText != null && !npsText.isBlank()) {
            problems.put("nps", "Please choose a number from 0 to 10, or \"I'd rather not say\".");
        }
        String comment = form.get("comment") == null ? null : form.get("comment").replace("\r\n", "\n").strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            problems.put("comment", "Please shorten your comment to at most " + MAX_COMMENT + " characters.");
        }
        return problems.isEmpty() ? new SurveyAnswer(score, nps, comment == null || comment.isEmpty() ? null : comment)
                : null;
    }

    private static Integer wholeNumber(String text, int min, int max) {
        if (text == null || !text.strip().matches("\\d{1,2}")) {
            return null;
        }
        int n = Integer.parseInt(text.strip());
        return n >= min && n <= max ? n : null;
    }
}
