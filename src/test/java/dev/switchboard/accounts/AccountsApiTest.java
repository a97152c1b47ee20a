package dev.switchboard.accounts;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts over the API: created, corrected with versions, their audit trail and clear refusals. */
class AccountsApiTest {

    private static ServiceRig rig;
    private static String token;

    @BeforeAll
    static void startWithTwoRegionsAndAnAccount() throws Exception {
        rig = new ServiceRig("accounts", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of("SWITCHBOARD_DEFAULT_COUNTRY", "GB"),
                false);
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'london', 'London'), (2, 'north', 'North')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO account_phones (account_id, e164, kind) VALUES (1, '+442071838750', 'home')");
        sql.execute("INSERT INTO account_phones (account_id, e164, kind, shared) VALUES (1, '+441632960999', 'work', TRUE)");
        rig.start();
        token = rig.adminToken();
        HttpResponse<Buffer> table = send(HttpMethod.PUT, "/api/admin/postcode-regions", new JsonArray()
                .add(new JsonObject().put("prefix", "sw").put("region", "london"))
                .add(new JsonObject().put("prefix", "SW1A").put("region", "north")), null);
        assertThat(table.statusCode()).as(table.bodyAsString()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    static HttpResponse<Buffer> send(HttpMethod method, String path, Object body, Integer version) {
        var request = rig.client.request(method, rig.port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
        if (version != null) {
            request.putHeader("If-Match", "\"" + version + "\"");
        }
        if (body == null) {
            return request.send().await();
        }
        return (body instanceof JsonArray array ? request.sendBuffer(array.toBuffer()) : request.sendJsonObject((JsonObject) body))
                .await();
    }

    private static JsonObject newAccount(String name) {
        return new JsonObject().put("name", name).put("email", "grace@example.com")
                .put("phones", new JsonArray().add(new JsonObject().put("number", "07700 900" + (100 + (int) (Math.random() * 800)))
                        .put("kind", "mobile")))
                .put("address", new JsonObject().put("line1", "7 Rope Walk").put("city", "London").put("postcode", "SW9 1AB"));
    }

    private static JsonObject created(JsonObject body) {
        HttpResponse<Buffer> answer = send(HttpMethod.POST, "/api/accounts", body, null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        return answer.bodyAsJsonObject();
    }

    private static JsonArray events(long id) {
        return rig.get("/api/accounts/" + id + "/events", token).bodyAsJsonArray();
    }

    @Test
    void a_new_account_gets_a_number_its_phones_in_e164_and_the_region_of_its_postcode_and_is_in_the_trail() {
        HttpResponse<Buffer> answer = send(HttpMethod.POST, "/api/accounts", new JsonObject().put("name", "Grace Hopper")
                .put("email", "grace@example.com")
                .put("phones", new JsonArray().add(new JsonObject().put("number", "020 7946 0001").put("kind", "home"))
                        .add(new JsonObject().put("number", "0044 7700 900001").put("shared", true)))
                .put("address", new JsonObject().put("line1", "1 Navy Row").put("city", "London").put("postcode", "sw9 2aa")),
                null);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        assertThat(answer.getHeader("ETag")).isEqualTo("\"0\"");
        JsonObject account = answer.bodyAsJsonObject();
        assertThat(account.getString("accountNumber")).matches("[0-9]{8}");
        assertThat(account.getString("status")).isEqualTo("active");
        assertThat(account.getJsonArray("phones").stream().map(p -> ((JsonObject) p).getString("e164")))
                .containsExactly("+442079460001", "+447700900001");
        assertThat(account.getJsonArray("phones").getJsonObject(1).getBoolean("shared")).isTrue();
        assertThat(account.getJsonObject("address").getString("regionCode")).isEqualTo("london");
        assertThat(account.getJsonArray("openCases")).isEmpty();
        assertThat(account.getJsonArray("history")).isEmpty();

        JsonArray events = events(account.getLong("id"));
        assertThat(events).hasSize(1);
        JsonObject created = events.getJsonObject(0);
        assertThat(created.getString("kind")).isEqualTo("created");
        assertThat(created.getString("actor")).isEqualTo("admin");
        assertThat(created.getString("at")).isNotBlank();
        assertThat(created.getJsonObject("changes").getJsonObject("name").getString("to")).isEqualTo("Grace Hopper");
        assertThat(created.getJsonObject("changes").getJsonObject("address").getJsonObject("to").getString("region"))
                .isEqualTo("london");
    }

    @Test
    void the_longest_postcode_prefix_decides_the_region_unless_one_is_given() {
        JsonObject longer = newAccount("Prefix Tester");
        longer.getJsonObject("address").put("postcode", "SW1A 2AA");
        assertThat(created(longer).getJsonObject("address").getString("regionCode")).isEqualTo("north");

        JsonObject given = newAccount("Region Given");
        given.getJsonObject("address").put("postcode", "SW1A 2AB").put("region", "london");
        assertThat(created(given).getJsonObject("address").getString("regionCode")).isEqualTo("london");

        JsonObject unknown = newAccount("Nowhere Known");
        unknown.getJsonObject("address").put("postcode", "ZZ9 9ZZ");
        HttpResponse<Buffer> refused = send(HttpMethod.POST, "/api/accounts", unknown, null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject().getJsonObject("fields").getString("address.region")).contains("ZZ9 9ZZ");

        JsonArray table = rig.get("/api/admin/postcode-regions", token).bodyAsJsonArray();
        assertThat(table).containsExactly(new JsonObject().put("prefix", "SW").put("region", "london"),
                new JsonObject().put("prefix", "SW1A").put("region", "north"));
    }

    @Test
    void a_bad_phone_number_or_email_is_refused_naming_the_field() throws Exception {
        long before = Sql.on(rig.database).count("SELECT COUNT(*) FROM accounts");
        JsonObject bad = newAccount("Bad Input").put("email", "not-an-email");
        bad.getJsonArray("phones").add(new JsonObject().put("number", "12ab"));

        HttpResponse<Buffer> answer = send(HttpMethod.POST, "/api/accounts", bad, null);

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonObject fields = answer.bodyAsJsonObject().getJsonObject("fields");
        assertThat(fields.fieldNames()).containsExactlyInAnyOrder("email", "phones[1].number");
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM accounts")).isEqualTo(before);
        long id = created(newAccount("Good Input")).getLong("id");
        assertThat(send(HttpMethod.POST, "/api/accounts/" + id + "/phones", new JsonObject().put("number", "99"), null)
                .bodyAsJsonObject().getJsonObject("fields").fieldNames()).containsExactly("number");
    }

    @Test
    void a_number_that_is_another_accounts_alone_is_refused_naming_that_account_and_a_shared_one_is_not() {
        JsonObject taker = newAccount("Number Taker");
        taker.getJsonArray("phones").add(new JsonObject().put("number", "+44 20 7183 8750"));
        HttpResponse<Buffer> onCreate = send(HttpMethod.POST, "/api/accounts", taker, null);
        assertThat(onCreate.statusCode()).isEqualTo(409);
        assertThat(onCreate.bodyAsJsonObject().getString("code")).isEqualTo("phone_taken");
        assertThat(onCreate.bodyAsJsonObject().getString("message")).contains("10042").contains("Ada Lovelace");
        assertThat(onCreate.bodyAsJsonObject().getJsonObject("account").getString("accountNumber")).isEqualTo("10042");

        long id = created(newAccount("Number Sharer")).getLong("id");
        HttpResponse<Buffer> onAdd = send(HttpMethod.POST, "/api/accounts/" + id + "/phones",
                new JsonObject().put("number", "020 7183 8750"), null);
        assertThat(onAdd.statusCode()).isEqualTo(409);
        assertThat(onAdd.bodyAsJsonObject().getJsonObject("account").getLong("id")).isEqualTo(1L);

        HttpResponse<Buffer> shared = send(HttpMethod.POST, "/api/accounts/" + id + "/phones",
                new JsonObject().put("number", "01632 960999").put("kind", "work").put("shared", true), null);
        assertThat(shared.statusCode()).as(shared.bodyAsString()).isEqualTo(201);
        assertThat(shared.bodyAsJsonObject().getJsonArray("phones").stream().map(p -> ((JsonObject) p).getString("e164")))
                .contains("+441632960999");
    }

    @Test
    void a_correction_needs_the_version_it_is_based_on_and_an_older_one_is_refused_as_for_cases() {
        long id = created(newAccount("Charles Babage")).getLong("id");

        HttpResponse<Buffer> noVersion = send(HttpMethod.PATCH, "/api/accounts/" + id,
                new JsonObject().put("name", "Charles Babbage"), null);
        HttpResponse<Buffer> first = send(HttpMethod.PATCH, "/api/accounts/" + id,
                new JsonObject().put("name", "Charles Babbage").put("status", "suspended"), 0);
        HttpResponse<Buffer> second = send(HttpMethod.PATCH, "/api/accounts/" + id,
                new JsonObject().put("name", "Charles Babbidge"), 0);

        assertThat(noVersion.statusCode()).isEqualTo(428);
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        assertThat(first.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(first.bodyAsJsonObject().getString("name")).isEqualTo("Charles Babbage");
        assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("suspended");
        assertThat(first.bodyAsJsonObject().getString("email")).as("not sent, not changed").isEqualTo("grace@example.com");
        assertThat(second.statusCode()).isEqualTo(412);
        assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("stale_version");
        assertThat(second.bodyAsJsonObject().getInteger("version")).isEqualTo(1);
        assertThat(rig.get("/api/accounts/" + id, token).bodyAsJsonObject().getString("name")).isEqualTo("Charles Babbage");

        JsonObject edited = events(id).getJsonObject(1);
        assertThat(edited.getString("kind")).isEqualTo("edited");
        assertThat(edited.getJsonObject("changes")).isEqualTo(new JsonObject()
                .put("name", new JsonObject().put("from", "Charles Babage").put("to", "Charles Babbage"))
                .put("status", new JsonObject().put("from", "active").put("to", "suspended")));
        assertThat(search("babbage").stream().map(a -> ((JsonObject) a).getLong("id"))).containsExactly(id);
        assertThat(search("babage")).isEmpty();
    }

    @Test
    void an_edit_of_the_address_and_email_is_checked_and_recorded() {
        long id = created(newAccount("Mary Somerville")).getLong("id");

        HttpResponse<Buffer> bad = send(HttpMethod.PATCH, "/api/accounts/" + id,
                new JsonObject().put("email", "mary@"), 0);
        HttpResponse<Buffer> moved = send(HttpMethod.PATCH, "/api/accounts/" + id, new JsonObject().putNull("email")
                .put("address", new JsonObject().put("line1", "2 Crown Court").put("city", "London").put("postcode", "SW1A 0AA")), 0);

        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.bodyAsJsonObject().getJsonObject("fields").fieldNames()).containsExactly("email");
        assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
        JsonObject account = moved.bodyAsJsonObject();
        assertThat(account.getValue("email")).isNull();
        assertThat(account.getJsonObject("address").getString("postcode")).isEqualTo("SW1A 0AA");
        assertThat(account.getJsonObject("address").getString("regionCode")).isEqualTo("north");
        JsonObject changes = events(id).getJsonObject(1).getJsonObject("changes");
        assertThat(changes.getJsonObject("email").getString("from")).isEqualTo("grace@example.com");
        assertThat(changes.getJsonObject("address").getJsonObject("from").getString("postcode")).isEqualTo("SW9 1AB");
        assertThat(changes.getJsonObject("address").getJsonObject("to").getString("region")).isEqualTo("north");
    }

    @Test
    void removing_a_phone_takes_it_off_the_account_and_into_the_trail() throws Exception {
        JsonObject account = created(newAccount("Phone Remover"));
        long id = account.getLong("id");
        long phoneId = account.getJsonArray("phones").getJsonObject(0).getLong("id");
        String e164 = account.getJsonArray("phones").getJsonObject(0).getString("e164");

        HttpResponse<Buffer> stale = send(HttpMethod.DELETE, "/api/accounts/" + id + "/phones/" + phoneId, null, 7);
        HttpResponse<Buffer> removed = send(HttpMethod.DELETE, "/api/accounts/" + id + "/phones/" + phoneId, null, 0);
        HttpResponse<Buffer> again = send(HttpMethod.DELETE, "/api/accounts/" + id + "/phones/" + phoneId, null, null);

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(removed.bodyAsJsonObject().getJsonArray("phones")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(Sql.on(rig.database).count("SELECT COUNT(*) FROM account_events WHERE account_id = " + id
                + " AND kind = 'phone-removed' AND actor = 'admin' AND changes LIKE '%" + e164 + "%'")).isEqualTo(1);
    }

    @Test
    void an_account_that_does_not_exist_is_a_404() {
        assertThat(rig.get("/api/accounts/999999", token).statusCode()).isEqualTo(404);
        assertThat(send(HttpMethod.PATCH, "/api/accounts/999999", new JsonObject().put("name", "x"), 0).statusCode())
                .isEqualTo(404);
    }

    private static JsonArray search(String q) {
        HttpResponse<Buffer> answer = rig.get("/api/accounts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonArray();
    }
}
