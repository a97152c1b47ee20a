package dev.switchboard.cases;

import java.util.List;
import java.util.Map;

/**
 * The customer's survey page, rendered on the server so that it works without JavaScript: the
 * form (a plain POST back to the same link) and the pages for thanks, already answered, expired,
 * unknown and too many requests. Everything that comes from outside is escaped; the link's token
 * is never written into the page.
 */
final class SurveyPage {

    /** What the customer entered, to show the form again with their choices when it is refused. */
    record Entered(String score, String nps, String comment) {
        static final Entered NOTHING = new Entered(null, null, null);
    }

    private static final List<String> SCORE_LABELS = List.of(
            "Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied");

    private SurveyPage() {
    }

    static String form(Entered entered, Map<String, String> problems) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>How did we do?</h1>\n<p>Your request has been closed. Three short questions; only the first"
                + " needs an answer.</p>\n");
        if (!problems.isEmpty()) {
            body.append("<div id=\"problems\" class=\"problems\" role=\"alert\"><h2>Please check your answers</h2><ul>");
            problems.forEach((field, message) -> body.append("<li>").append(escape(message)).append("</li>"));
            body.append("</ul></div>\n");
        }
        body.append("<form method=\"post\" class=\"survey-form\">\n");
        body.append(scoreQuestion(entered.score(), problems.get("score")));
        body.append(recommendQuestion(entered.nps(), problems.get("nps")));
        body.append("<div class=\"question\"><label for=\"comment\">Anything else you would like to tell us?"
                + " <span class=\"optional\">(optional)</span></label>\n");
        body.append(problemLine("comment", problems.get("comment")));
        body.append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"")
                .append(SurveyAnswer.MAX_COMMENT).append("\"")
                .append(problems.containsKey("comment") ? " aria-invalid=\"true\" aria-describedby=\"comment-problem\"" : "")
                .append(">").append(escape(entered.comment())).append("</textarea></div>\n");
        body.append("<button type=\"submit\" id=\"send\">Send my answers</button>\n</form>\n");
        return page("How did we do?", body.toString());
    }

    private static String scoreQuestion(String chosen, String problem) {
        StringBuilder out = new StringBuilder("<fieldset id=\"score-question\" class=\"question\"")
                .append(problem == null ? "" : " aria-describedby=\"score-problem\"")
                .append("><legend>How satisfied are you with how we handled your request?"
                        + " <span class=\"required\">(required)</span></legend>\n")
                .append(problemLine("score", problem)).append("<div class=\"choices scale-5\">\n");
        for (int score = 1; score <= 5; score++) {
            out.append(choice("score", "score-" + score, String.valueOf(score),
                    score + " – " + SCORE_LABELS.get(score - 1), String.valueOf(score).equals(chosen), score == 1));
        }
        return out.append("</div></fieldset>\n").toString();
    }

    private static String recommendQuestion(String chosen, String problem) {
        StringBuilder out = new StringBuilder("<fieldset id=\"nps-question\" class=\"question\""
                + " aria-describedby=\"nps-hint").append(problem == null ? "" : " nps-problem").append("\">")
                .append("<legend>How likely are you to recommend us to a friend or colleague?"
                        + " <span class=\"optional\">(optional)</span></legend>\n")
                .append("<p id=\"nps-hint\" class=\"hint\">0 means not at all likely, 10 extremely likely.</p>\n")
                .append(problemLine("nps", problem)).append("<div class=\"choices scale-11\">\n");
        for (int nps = 0; nps <= 10; nps++) {
            out.append(choice("nps", "nps-" + nps, String.valueOf(nps), String.valueOf(nps),
                    String.valueOf(nps).equals(chosen), false));
        }
        boolean skipped = chosen == null || chosen.isBlank();
        out.append("</div>\n<div class=\"choices\">")
                .append(choice("nps", "nps-none", "", "I'd rather not say", skipped, false));
        return out.append("</div></fieldset>\n").toString();
    }

    private static String choice(String name, String id, String value, String label, boolean checked,
                                 boolean required) {
        return "<label class=\"choice\" for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"" + name
                + "\" value=\"" + escape(value) + "\"" + (checked ? " checked" : "") + (required ? " required" : "")
                + "><span>" + escape(label) + "</span></label>\n";
    }

    private static String problemLine(String field, String problem) {
        return problem == null ? "" : "<p id=\"" + field + "-problem\" class=\"problem\">" + escape(problem) + "</p>\n";
    }

    static String thanks() {
        return notice("Thank you", "Thank you for your answers",
                "We have recorded them. They help us see where we did well and what to do better.");
    }

    static String alreadyAnswered() {
        return notice("Already answered", "This survey has already been answered",
                "Thank you: we have your answers. Each survey can be answered once.");
    }

    static String expired(long days) {
        return notice("Link expired", "This survey link has expired",
                "A survey can be answered for " + days + " days after we send it. Thank you for wanting to tell us.");
    }

    static String unknown() {
        return notice("Survey not found", "We do not know this survey link",
                "Please check that you opened the whole link from the message we sent you.");
    }

    static String tooManyRequests(long retryAfterSeconds) {
        return notice("Please wait", "Too many requests",
                "Please wait " + retryAfterSeconds + " seconds, then try again.");
    }

    static String failed() {
        return notice("Something went wrong", "Something went wrong on our side",
                "Your answers were not recorded. Please try again in a few minutes.");
    }

    private static String notice(String title, String heading, String text) {
        return page(title, "<h1>" + escape(heading) + "</h1>\n<p>" + escape(text) + "</p>\n");
    }

    private static String page(String title, String main) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + " — customer survey</title>\n"
                + "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n"
                + "<link rel=\"stylesheet\" href=\"/css/switchboard.css\">\n"
                + "<link rel=\"stylesheet\" href=\"/css/survey.css\">\n"
                + "</head>\n<body class=\"survey\">\n<main class=\"card\">\n" + main + "</main>\n</body>\n</html>\n";
    }

    /** Text made safe for HTML content and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
