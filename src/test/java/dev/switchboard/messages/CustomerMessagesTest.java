package dev.switchboard.messages;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages to customers through a real SMTP server (GreenMail, in this JVM) and a real HTTP SMS
 * gateway (a Vert.x server in this test): Ada (account 1) has an e-mail address; Bob (account 2)
 * prefers SMS to his mobile. Grace works 08:00–18:00 UTC every day; visits last 2 h.
 */
class CustomerMessagesTest {

    private final int smtpPort = Ports.free();
    private final int gatewayPort = Ports.free();
    private final List<JsonObject> smsReceived = new CopyOnWriteArrayList<>();
    private final List<String> smsAuthorizations = new CopyOnWriteArrayList<>();
    private GreenMail smtp;
    private HttpServer gateway;
    private ServiceRig rig;
    private String token;
    private LocalDate monday;

    @BeforeEach
    void start() throws Exception {
        rig = new ServiceRig("messages", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(
                "SWITCHBOARD_SMTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SMTP_PORT", String.valueOf(smtpPort),
                "SWITCHBOARD_SMTP_STARTTLS", "false",
                "SWITCHBOARD_SMTP_FROM", "Switchboard <service@example.com>",
                "SWITCHBOARD_SMS_URL", "http://127.0.0.1:" + gatewayPort + "/sms",
                "SWITCHBOARD_SMS_TOKEN", "gateway-token-42",
                "SWITCHBOARD_MESSAGE_RETRY_SECONDS", "1",
                "SWITCHBOARD_MESSAGE_MAX_RETRY_SECONDS", "1",
                "SWITCHBOARD_PUBLIC_URL", "https://service.example.com"), false);
        monday = LocalDate.now(ZoneOffset.UTC).plusDays(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North')");
        sql.execute("INSERT INTO skills (id, code, name) VALUES (1, 'boiler', 'Boilers')");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace', 1)");
        sql.execute("INSERT INTO engineer_skills (engineer_id, skill_id) VALUES (1, 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1)");
        for (int weekday = 1; weekday <= 7; weekday++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (1, "
                    + weekday + ", '08:00', '18:00')");
        }
        sql.execute("INSERT INTO accounts (id, account_number, name, email) VALUES "
                + "(1, '10042', 'Ada Lovelace', 'ada@example.com')");
        sql.execute("INSERT INTO accounts (id, account_number, name, email, preferred_channel) VALUES "
                + "(2, '10043', 'Bob Babbage', 'bob@example.org', 'sms')");
        sql.execute("INSERT INTO account_phones (account_id, e164, kind) VALUES (2, '+441632960123', 'mobile')");
        sql.execute("INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (1, 1, '12 Analytical Way', 'Northtown', 'N1', 1, TRUE), "
                + "(2, 2, '3 Engine Row', 'Northtown', 'N2', 1, TRUE)");
        sql.execute("INSERT INTO cases (id, account_id, service_address_id, channel, category, description, "
                + "required_skill_id) VALUES (1, 1, 1, 'phone', 'boiler', 'No hot water', 1), "
                + "(2, 2, 2, 'phone', 'boiler', 'Radiator cold', 1)");
        sql.execute("INSERT INTO cases (id, account_id, service_address_id, channel, category, description, status) "
                + "VALUES (3, 1, 1, 'phone', 'billing', 'Bill explained', 'resolved')");
        rig.start();
        token = rig.adminToken();
    }

    @AfterEach
    void stop() {
        rig.close();
        if (smtp != null) {
            smtp.stop();
        }
    }

    private void smtpUp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void gatewayUp(int status) {
        gateway = rig.vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (status / 100 == 2) {
                smsAuthorizations.add(request.getHeader("Authorization"));
                smsReceived.add(body.toJsonObject());
            }
            request.response().setStatusCode(status).end();
        })).listen(gatewayPort, "127.0.0.1").await();
    }

    private HttpResponse<Buffer> book(long caseId, Instant start) {
        return rig.client.post(rig.port, "127.0.0.1", "/api/cases/" + caseId + "/visits")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("engineerId", 1).put("startsAt", start.toString())).await();
    }

    private JsonArray messages(long caseId) {
        HttpResponse<Buffer> response = rig.get("/api/cases/" + caseId + "/messages", token);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    private int received() {
        return smtp == null ? 0 : smtp.getReceivedMessages().length;
    }

    @Test
    void a_booked_visit_is_mailed_once_with_its_date_and_calendar_even_when_the_smtp_server_was_down() throws Exception {
        Instant start = Instant.parse(monday + "T10:00:00Z");
        assertThat(book(1, start).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> messages(1).getJsonObject(0).getInteger("attempts") >= 2);
        JsonObject waiting = messages(1).getJsonObject(0);
        assertThat(waiting.getString("status")).as("not lost while SMTP is down").isIn("queued", "sending");
        assertThat(waiting.getString("channel")).isEqualTo("email");
        assertThat(waiting.getString("lastError")).isNotBlank();

        smtpUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(messages(1).getJsonObject(0).getString("status")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received() == 1);

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("Monday " + monday.getDayOfMonth() + " ").contains("between 10:00 and 12:00");
        BodyPart attachment = ((MimeMultipart) mail.getContent()).getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("visit.ics");
        assertThat(attachment.getContentType()).startsWith("text/calendar");
        String calendar = new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String day = monday.toString().replace("-", "");
        assertThat(calendar).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nDTSTART:" + day + "T100000Z\r\n")
                .contains("\r\nDTEND:" + day + "T120000Z\r\n").contains("\r\nUID:visit-")
                .contains("\r\nLOCATION:12 Analytical Way\\, Northtown\\, N1\r\n");
        assertThat(messages(1).getJsonObject(0).getString("sentAt")).isNotNull();
    }

    @Test
    void a_delivered_visit_message_records_that_the_customer_was_advised() throws Exception {
        smtpUp();
        JsonObject visit = book(1, Instant.parse(monday + "T14:00:00Z")).bodyAsJsonObject();

        await().atMost(Duration.ofSeconds(20)).until(() -> rig.get("/api/visits/" + visit.getLong("id"), token)
                .bodyAsJsonObject().getString("customerAdvisedVia") != null);
        assertThat(rig.get("/api/visits/" + visit.getLong("id"), token).bodyAsJsonObject()
                .getString("customerAdvisedVia")).isEqualTo("email");
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM case_events WHERE case_id = 1 "
                + "AND kind = 'customer-advised'")).isEqualTo(1);
    }

    @Test
    void closing_a_case_mails_the_survey_link() {
        smtpUp();
        HttpResponse<Buffer> closed = rig.client.post(rig.port, "127.0.0.1", "/api/cases/3/transitions")
                .putHeader("Authorization", "Bearer " + token).putHeader("If-Match", "\"0\"")
                .sendJsonObject(new JsonObject().put("to", "closed").put("resolutionCode", "explained")).await();
        assertThat(closed.statusCode()).isEqualTo(200);
        String link = closed.bodyAsJsonObject().getJsonObject("survey").getString("link");

        await().atMost(Duration.ofSeconds(20)).until(() -> received() == 1);
        assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).replace("=\r\n", ""))
                .contains("https://service.example.com" + link);
        assertThat(messages(3).getJsonObject(0).getString("kind")).isEqualTo("case-closed");
        assertThat(rig.get("/api/cases/987/messages", token).statusCode()).isEqualTo(404);
    }

    @Test
    void an_account_that_prefers_sms_gets_it_from_the_gateway_once_after_the_gateway_was_down() {
        gatewayUp(503);
        JsonObject visit = book(2, Instant.parse(monday + "T10:00:00Z")).bodyAsJsonObject();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(2).getJsonObject(0).getInteger("attempts") >= 2);
        assertThat(messages(2).getJsonObject(0).getString("status")).isIn("queued", "sending");
        gateway.close().await();

        gatewayUp(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(messages(2).getJsonObject(0).getString("status")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> smsReceived.size() == 1);

        JsonObject sms = smsReceived.get(0);
        assertThat(sms.getString("to")).isEqualTo("+441632960123");
        assertThat(sms.getString("text")).contains("between 10:00 and 12:00");
        assertThat(sms.getString("id")).isNotBlank();
        assertThat(smsAuthorizations).containsExactly("Bearer gateway-token-42");
        assertThat(messages(2).getJsonObject(0).getString("channel")).isEqualTo("sms");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sms".equals(rig.get("/api/visits/" + visit.getLong("id"),
                token).bodyAsJsonObject().getString("customerAdvisedVia")));
        assertThat(received()).as("no e-mail for an account that prefers SMS").isZero();
    }

    @Test
    void moving_and_cancelling_a_visit_each_tell_the_customer_once_even_when_the_smtp_server_goes_down_between()
            throws Exception {
        smtpUp();
        JsonObject visit = book(1, Instant.parse(monday + "T08:00:00Z")).bodyAsJsonObject();
        await().atMost(Duration.ofSeconds(20)).until(() -> received() == 1);

        smtp.stop();
        JsonObject moved = post("/api/visits/" + visit.getLong("id") + "/reschedule",
                new JsonObject().put("startsAt", monday + "T15:00:00Z"));
        assertThat(post("/api/visits/" + moved.getLong("id") + "/cancel", new JsonObject().put("reason", "fixed itself"))
                .getString("status")).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(1).stream()
                .allMatch(m -> "sent".equals(((JsonObject) m).getString("status"))
                        || ((JsonObject) m).getInteger("attempts") >= 1));

        smtpUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(1).stream()
                .allMatch(m -> "sent".equals(((JsonObject) m).getString("status"))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received() == 2);
        assertThat(messages(1).stream().map(m -> ((JsonObject) m).getString("kind")))
                .containsExactly("visit-booked", "visit-rescheduled", "visit-cancelled");
        List<String> bodies = java.util.Arrays.stream(smtp.getReceivedMessages()).map(GreenMailUtil::getBody).toList();
        assertThat(bodies).anyMatch(b -> b.contains("has moved to") && b.contains("between 15:00 and 17:00"));
        assertThat(bodies).anyMatch(b -> b.contains("is cancelled"));
        assertThat(rig.get("/api/visits/" + moved.getLong("id"), token).bodyAsJsonObject().getString("customerAdvisedVia"))
                .as("a cancelled visit is not marked advised by its cancellation message").isNull();
    }

    private JsonObject post(String path, JsonObject body) {
        HttpResponse<Buffer> response = rig.client.post(rig.port, "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
        assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }
}
