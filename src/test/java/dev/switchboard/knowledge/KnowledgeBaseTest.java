package dev.switchboard.knowledge;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the agent does not know: articles found by full text, suggested by category, and counted when they solved it. */
class KnowledgeBaseTest {

    private ServiceRig rig;
    private String admin;
    private String agent;

    @BeforeEach
    void start() throws Exception {
        rig = new ServiceRig("knowledge", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of(), false);
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (101, 'alice', "
                + "'Alice', '" + new PasswordHasher().hash("agent-password") + "', 'agent')");
        rig.start();
        admin = rig.adminToken();
        agent = rig.login("alice", "agent-password").bodyAsJsonObject().getString("token");
        article(admin, "Resetting the boiler after a pressure drop",
                "Open the front panel, top up the pressure to 1.5 bar with the filling loop, press reset for five seconds.",
                "boiler", "combi pressure reset");
        article(admin, "Bleeding radiators", "Turn the heating off, open the bleed valve with a radiator key until water appears.",
                "heating", "radiator cold");
        article(admin, "Thermostat batteries", "A blank thermostat display needs two new AA batteries.", "heating",
                "thermostat display");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private HttpResponse<Buffer> article(String token, String title, String body, String category, String tags) {
        return rig.client.post(rig.port, "127.0.0.1", "/api/kb/articles").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("title", title).put("body", body).put("category", category)
                        .put("tags", tags)).await();
    }

    private HttpResponse<Buffer> post(String path, JsonObject body, Integer version) {
        var request = rig.client.post(rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + agent);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        return request.sendJsonObject(body).await();
    }

    @Test
    void articles_are_found_by_full_text_and_only_supervisors_and_admins_write_them() {
        JsonArray found = rig.get("/api/kb/search?q=boiler%20pressure", agent).bodyAsJsonArray();
        assertThat(found.getJsonObject(0).getString("title")).isEqualTo("Resetting the boiler after a pressure drop");
        assertThat(rig.get("/api/kb/search?q=", agent).statusCode()).isEqualTo(400);
        assertThat(article(agent, "Mine", "text", "boiler", "").statusCode()).isEqualTo(403);
        assertThat(article(admin, "", "text", "boiler", "").statusCode()).isEqualTo(422);
    }

    @Test
    void the_case_screen_suggests_its_categorys_articles_and_resolved_with_article_x_is_counted() {
        JsonObject c = post("/api/cases", new JsonObject().put("accountNumber", "10042").put("channel", "phone")
                .put("category", "heating").put("description", "The radiator in the hall is cold"), null).bodyAsJsonObject();
        long id = c.getLong("id");

        JsonArray suggested = rig.get("/api/cases/" + id + "/articles/suggested", agent).bodyAsJsonArray();
        assertThat(suggested.stream().map(a -> ((JsonObject) a).getString("title")))
                .as("heating articles only, the one matching the description first")
                .containsExactly("Bleeding radiators", "Thermostat batteries");

        long article = suggested.getJsonObject(0).getLong("id");
        assertThat(post("/api/cases/" + id + "/articles", new JsonObject().put("articleId", article)
                .put("solvedIt", true), null).statusCode()).as("resolving needs the case's version").isEqualTo(428);
        JsonObject resolved = post("/api/cases/" + id + "/articles", new JsonObject().put("articleId", article)
                .put("solvedIt", true), c.getInteger("version")).bodyAsJsonObject();

        assertThat(resolved.getString("status")).isEqualTo("resolved");
        JsonArray events = rig.get("/api/cases/" + id + "/events", agent).bodyAsJsonArray();
        assertThat(events.getJsonObject(events.size() - 1).getString("reason"))
                .isEqualTo("resolved on the call with article " + article + ": Bleeding radiators");
        JsonArray report = rig.get("/api/reports/solved-with-articles", admin).bodyAsJsonArray();
        assertThat(report).singleElement().satisfies(row -> {
            assertThat(((JsonObject) row).getString("title")).isEqualTo("Bleeding radiators");
            assertThat(((JsonObject) row).getLong("solved")).isEqualTo(1);
        });
    }
}
