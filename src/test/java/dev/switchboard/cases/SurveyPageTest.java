package dev.switchboard.cases;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.Tokens;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's survey link over HTTP, without a login: the page for an open, answered, expired
 * and unknown link with its status; the answer from the page's plain form and from the JSON API,
 * stored once with its recommendation (NPS); the rate limit per client address; and no token in
 * the log.
 */
class SurveyPageTest {

    private static final String FORM_LINK = "form-answered-link-token";
    private static final String JSON_LINK = "json-answered-link-token";
    private static final String REFUSED_LINK = "refused-form-link-token";
    private static final String OPEN_LINK = "still-open-link-token";
    private static final String EXPIRED_LINK = "expired-link-token";
    private static final String NEARLY_EXPIRED_LINK = "nearly-expired-link-token";

    private static ServiceRig rig;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        rig = new ServiceRig("survey", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, created_at, closed_at) "
                + "VALUES (1, 1, 'phone', 'heating', 'closed', 'Radiator cold', '" + now.minusDays(40) + "', '"
                + now.minusDays(31) + "')");
        survey(sql, 1, FORM_LINK, now.minusDays(1));
        survey(sql, 2, JSON_LINK, now.minusDays(1));
        survey(sql, 3, REFUSED_LINK, now.minusDays(1));
        survey(sql, 4, OPEN_LINK, now.minusHours(1));
        survey(sql, 5, EXPIRED_LINK, now.minus(Surveys.LINK_LIFETIME).minusMinutes(1));
        survey(sql, 6, NEARLY_EXPIRED_LINK, now.minus(Surveys.LINK_LIFETIME).plusHours(1));
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        rig.start();
    }

    private static void survey(Sql sql, int closure, String token, LocalDateTime sentAt) throws Exception {
        sql.execute("INSERT INTO csat_surveys (case_id, closure_no, channel, token_sha256, sent_at) VALUES (1, "
                + closure + ", 'sms', UNHEX('" + HexFormat.of().formatHex(Tokens.sha256(token)) + "'), '"
                + sentAt + "')");
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        rig.close();
    }

    private static HttpResponse<Buffer> page(String token) {
        return rig.get("/survey/" + token, null);
    }

    private static HttpResponse<Buffer> postForm(String token, MultiMap form) {
        return rig.client.post(rig.port, "127.0.0.1", "/survey/" + token).sendForm(form).await();
    }

    private static HttpResponse<Buffer> postJson(String token, JsonObject answer) {
        return rig.client.post(rig.port, "127.0.0.1", "/survey/" + token).sendJsonObject(answer).await();
    }

    private static Map<String, String> stored(String token) throws Exception {
        return Sql.on(rig.database).row("SELECT score, nps, comment, answered_at IS NOT NULL AS answered "
                + "FROM csat_surveys WHERE token_sha256 = UNHEX('" + HexFormat.of().formatHex(Tokens.sha256(token))
                + "')");
    }

    @Test
    void an_open_link_serves_the_form_without_a_login_with_the_pages_security_headers() {
        HttpResponse<Buffer> page = page(OPEN_LINK);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
        String html = page.bodyAsString();
        for (int score = 1; score <= 5; score++) {
            assertThat(html).contains("name=\"score\" value=\"" + score + "\"");
        }
        for (int nps = 0; nps <= 10; nps++) {
            assertThat(html).contains("name=\"nps\" value=\"" + nps + "\"");
        }
        assertThat(html).contains("<form method=\"post\"", "<textarea id=\"comment\" name=\"comment\"",
                "Very satisfied", "How likely are you to recommend us").doesNotContain(OPEN_LINK, "<script");
        HttpResponse<Buffer> loginPage = rig.get("/", null);
        assertThat(page.getHeader("Content-Security-Policy")).isNotBlank()
                .isEqualTo(loginPage.getHeader("Content-Security-Policy"));
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Referrer-Policy")).as("the token never leaves in a Referer").isEqualTo("no-referrer");
        assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void unknown_and_expired_links_get_their_own_pages_and_statuses() throws Exception {
        HttpResponse<Buffer> unknown = page("no-such-link");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsString()).contains("We do not know this survey link");

        HttpResponse<Buffer> expired = page(EXPIRED_LINK);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.bodyAsString()).contains("This survey link has expired", "30 days");
        assertThat(postForm(EXPIRED_LINK, MultiMap.caseInsensitiveMultiMap().add("score", "3")).statusCode())
                .isEqualTo(410);
        HttpResponse<Buffer> expiredJson = postJson(EXPIRED_LINK, new JsonObject().put("score", 3));
        assertThat(expiredJson.statusCode()).isEqualTo(410);
        assertThat(expiredJson.bodyAsJsonObject().getString("code")).isEqualTo("survey_expired");
        assertThat(stored(EXPIRED_LINK)).containsEntry("answered", "0");

        assertThat(page(NEARLY_EXPIRED_LINK).statusCode()).as("an hour before it expires").isEqualTo(200);
    }

    @Test
    void the_pages_plain_form_post_stores_the_answer_once_and_says_so() throws Exception {
        HttpResponse<Buffer> thanks = postForm(FORM_LINK, MultiMap.caseInsensitiveMultiMap()
                .add("score", "4").add("nps", "9").add("comment", "Quick <b>and</b> friendly\r\nthanks"));

        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.getHeader("Content-Type")).startsWith("text/html");
        assertThat(thanks.bodyAsString()).contains("Thank you for your answers");
        assertThat(stored(FORM_LINK)).containsEntry("score", "4").containsEntry("nps", "9")
                .containsEntry("comment", "Quick <b>and</b> friendly\nthanks");

        HttpResponse<Buffer> again = postForm(FORM_LINK, MultiMap.caseInsensitiveMultiMap().add("score", "1"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsString()).contains("This survey has already been answered");
        HttpResponse<Buffer> revisited = page(FORM_LINK);
        assertThat(revisited.statusCode()).as("answered: the link still works, it says so").isEqualTo(200);
        assertThat(revisited.bodyAsString()).contains("This survey has already been answered")
                .doesNotContain("<form");
        assertThat(postJson(FORM_LINK, new JsonObject().put("score", 2)).bodyAsJsonObject().getString("code"))
                .isEqualTo("already_answered");
        assertThat(stored(FORM_LINK)).as("the first answer stands").containsEntry("score", "4");
    }

    @Test
    void the_json_answer_keeps_working_for_api_users_and_stores_the_recommendation() throws Exception {
        assertThat(postJson(JSON_LINK, new JsonObject().put("score", 5).put("nps", 11)).statusCode())
                .as("NPS beyond 10").isEqualTo(422);
        HttpResponse<Buffer> answered = postJson(JSON_LINK, new JsonObject().put("score", 5).put("nps", 10)
                .put("comment", "Great"));

        assertThat(answered.statusCode()).isEqualTo(204);
        assertThat(postJson(JSON_LINK, new JsonObject().put("score", 1)).statusCode()).isEqualTo(409);
        JsonObject survey = rig.get("/api/cases/1/surveys", rig.adminToken()).bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).filter(s -> s.getInteger("closureNo") == 2).findFirst().orElseThrow();
        assertThat(survey.getInteger("score")).isEqualTo(5);
        assertThat(survey.getInteger("nps")).isEqualTo(10);
        assertThat(survey.getString("comment")).isEqualTo("Great");
    }

    @Test
    void a_form_with_no_score_comes_back_with_what_was_entered_escaped_and_nothing_is_stored() throws Exception {
        HttpResponse<Buffer> refused = postForm(REFUSED_LINK, MultiMap.caseInsensitiveMultiMap()
                .add("nps", "7").add("comment", "<script>alert(1)</script>"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsString()).contains("Please choose how satisfied you are",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "value=\"7\" checked").doesNotContain("<script>");
        assertThat(postForm(REFUSED_LINK, MultiMap.caseInsensitiveMultiMap().add("score", "3").add("nps", "11"))
                .statusCode()).isEqualTo(422);
        assertThat(stored(REFUSED_LINK)).containsEntry("answered", "0");

        assertThat(postForm(REFUSED_LINK, MultiMap.caseInsensitiveMultiMap().add("score", "3").add("nps", "")
                .add("comment", "  ")).statusCode()).as("NPS and comment may be left empty").isEqualTo(200);
        assertThat(stored(REFUSED_LINK)).containsEntry("score", "3").containsEntry("nps", null)
                .containsEntry("comment", null);
    }

    @Test
    void one_client_address_is_held_back_after_its_burst_while_others_are_not() {
        WebClient elsewhere = WebClient.create(rig.vertx, new WebClientOptions().setLocalAddress("127.0.0.2"));
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < SurveyRoutes.BURST; i++) {
                statuses.add(elsewhere.get(rig.port, "127.0.0.1", "/survey/no-such-link").send().await().statusCode());
            }
            assertThat(statuses).containsOnly(404);

            HttpResponse<Buffer> held = elsewhere.get(rig.port, "127.0.0.1", "/survey/no-such-link").send().await();
            assertThat(held.statusCode()).isEqualTo(429);
            assertThat(held.getHeader("Retry-After")).isNotBlank();
            assertThat(held.bodyAsString()).contains("Too many requests");
            HttpResponse<Buffer> heldJson = elsewhere.post(rig.port, "127.0.0.1", "/survey/no-such-link")
                    .sendJsonObject(new JsonObject().put("score", 3)).await();
            assertThat(heldJson.statusCode()).isEqualTo(429);
            assertThat(heldJson.bodyAsJsonObject().getString("code")).isEqualTo("too_many_requests");

            assertThat(page("no-such-link").statusCode()).as("another address").isEqualTo(404);
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void no_survey_token_reaches_the_log() {
        page(OPEN_LINK);
        postForm("unknown-link-token", MultiMap.caseInsensitiveMultiMap().add("score", "2"));
        postJson(EXPIRED_LINK, new JsonObject().put("score", 2));

        List<String> lines = new ArrayList<>(LOG.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("-link-token"));
    }
}
