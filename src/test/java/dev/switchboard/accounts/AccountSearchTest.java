package dev.switchboard.accounts;

import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.buffer.Buffer;
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

/**
 * One search box finds an account by whatever the caller tells: the account number, a phone
 * number however it is written, a name or part of it (any case, with or without accents), the
 * postcode or the street — best match first.
 */
class AccountSearchTest {

    private static ServiceRig rig;
    private static String token;

    @BeforeAll
    static void startWithFourAccounts() throws Exception {
        rig = new ServiceRig("search", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()), Map.of("SWITCHBOARD_DEFAULT_COUNTRY", "GB"),
                false);
        Sql sql = Sql.on(rig.database);
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'london', 'London'), (2, 'north', 'North')");
        sql.execute("INSERT INTO accounts (id, account_number, name, email) VALUES "
                + "(1, '10042', 'Ada Lovelace', 'ada@example.com'), (2, '10043', 'José Núñez-García', NULL), "
                + "(3, '20001', 'Adam Smith', NULL), (4, '77009001', 'Mill Owner', NULL)");
        sql.execute("INSERT INTO account_phones (account_id, e164, kind, shared) VALUES "
                + "(1, '+442071838750', 'home', FALSE), (2, '+447700900123', 'mobile', FALSE), "
                + "(2, '+441632960999', 'home', TRUE), (3, '+441632960999', 'home', TRUE)");
        sql.execute("INSERT INTO service_addresses (account_id, line1, city, postcode, region_id, is_primary) VALUES "
                + "(1, '12 High Street', 'London', 'SW1A 1AA', 1, TRUE), (2, '3 Mill Lane', 'Leeds', 'LS1 4AP', 2, TRUE), "
                + "(3, '4a, Highbury Road', 'London', 'N5 2AA', 1, TRUE)");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, description) VALUES "
                + "(1, 1, 'phone', 'boiler', 'No hot water')");
        sql.execute("INSERT INTO cases (id, account_id, channel, category, status, description, closed_at) VALUES "
                + "(2, 1, 'phone', 'radiator', 'closed', 'Cold radiator', NOW(3))");
        sql.execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (301, 'dispatcher', "
                + "'Dispatcher', '" + new PasswordHasher().hash("dispatch-password") + "', 'dispatcher')");
        rig.start();
        token = rig.adminToken();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static JsonArray search(String q) {
        return search(q, token);
    }

    private static JsonArray search(String q, String as) {
        HttpResponse<Buffer> answer = rig.get("/api/accounts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), as);
        assertThat(answer.statusCode()).as(q + ": " + answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonArray();
    }

    private static List<Long> ids(String q) {
        return search(q).stream().map(a -> ((JsonObject) a).getLong("id")).toList();
    }

    @Test
    void an_account_number_finds_its_account_with_phones_address_and_open_cases() {
        JsonArray found = search("10042");

        assertThat(found).hasSize(1);
        JsonObject ada = found.getJsonObject(0);
        assertThat(ada.getLong("id")).isEqualTo(1L);
        assertThat(ada.getString("accountNumber")).isEqualTo("10042");
        assertThat(ada.getString("name")).isEqualTo("Ada Lovelace");
        assertThat(ada.getString("matchedBy")).isEqualTo("accountNumber");
        assertThat(ada.getJsonArray("phones")).singleElement().satisfies(p -> {
            assertThat(((JsonObject) p).getString("e164")).isEqualTo("+442071838750");
            assertThat(((JsonObject) p).getString("kind")).isEqualTo("home");
            assertThat(((JsonObject) p).getBoolean("shared")).isFalse();
        });
        JsonObject address = ada.getJsonObject("address");
        assertThat(address.getString("line1")).isEqualTo("12 High Street");
        assertThat(address.getString("postcode")).isEqualTo("SW1A 1AA");
        assertThat(address.getString("regionCode")).isEqualTo("london");
        assertThat(ada.getJsonArray("openCases").stream().map(c -> ((JsonObject) c).getString("category")))
                .as("the closed case is not open").containsExactly("boiler");
    }

    @Test
    void a_phone_number_is_found_however_it_is_written() {
        for (String written : List.of("020 7183 8750", "02071838750", "+44 20 7183 8750", "0044 20 7183 8750",
                "(020) 7183-8750")) {
            JsonArray found = search(written);
            assertThat(found).as(written).isNotEmpty();
            assertThat(found.getJsonObject(0).getLong("id")).as(written).isEqualTo(1L);
            assertThat(found.getJsonObject(0).getString("matchedBy")).as(written).isEqualTo("phone");
        }
        assertThat(ids("01632 960999")).as("a shared number finds everyone who shares it").containsExactly(2L, 3L);
    }

    @Test
    void a_name_is_found_by_the_start_of_any_word_in_any_case_with_or_without_accents() {
        assertThat(ids("jose")).containsExactly(2L);
        assertThat(ids("JOSÉ")).containsExactly(2L);
        assertThat(ids("nunez")).containsExactly(2L);
        assertThat(ids("garc")).as("after a hyphen").containsExactly(2L);
        assertThat(ids("Núñ jos")).as("every word must match").containsExactly(2L);
        assertThat(ids("love")).containsExactly(1L);
        assertThat(ids("ada smith")).as("'ada' starts 'Adam'").containsExactly(3L);
        assertThat(ids("ada love")).containsExactly(1L);
        assertThat(ids("jose smith")).isEmpty();
        assertThat(search("lovelace").getJsonObject(0).getString("matchedBy")).isEqualTo("name");
    }

    @Test
    void the_closer_name_comes_first() {
        assertThat(ids("ada")).as("ada before adam").containsExactly(1L, 3L);
        assertThat(ids("ada").size()).isEqualTo(2);
        assertThat(rig.get("/api/accounts?q=ada&limit=1", token).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void a_postcode_is_found_with_or_without_its_space_and_by_its_start() {
        assertThat(ids("SW1A 1AA")).containsExactly(1L);
        assertThat(ids("sw1a1aa")).containsExactly(1L);
        assertThat(ids("LS1")).containsExactly(2L);
        assertThat(search("ls1 4ap").getJsonObject(0).getString("matchedBy")).isEqualTo("postcode");
    }

    @Test
    void a_street_is_found_without_its_house_number() {
        assertThat(ids("high street")).containsExactly(1L);
        assertThat(ids("12 High St")).containsExactly(1L);
        assertThat(ids("mill lane")).containsExactly(2L);
        assertThat(ids("Highbury")).containsExactly(3L);
        assertThat(ids("high")).as("streets, in street order").containsExactly(1L, 3L);
        assertThat(search("mill lane").getJsonObject(0).getString("matchedBy")).isEqualTo("street");
    }

    @Test
    void an_exact_account_number_comes_first_and_a_name_before_a_street() {
        assertThat(ids("mill")).as("a name word comes before a street").containsExactly(4L, 2L);
        assertThat(search("77009001").getJsonObject(0).getString("matchedBy")).isEqualTo("accountNumber");
    }

    @Test
    void a_dispatcher_may_search_and_read_but_not_create() {
        String dispatcher = rig.login("dispatcher", "dispatch-password").bodyAsJsonObject().getString("token");

        assertThat(search("10042", dispatcher)).hasSize(1);
        assertThat(rig.get("/api/accounts/1", dispatcher).statusCode()).isEqualTo(200);
        assertThat(rig.client.post(rig.port, "127.0.0.1", "/api/accounts").putHeader("Authorization", "Bearer " + dispatcher)
                .sendJsonObject(new JsonObject().put("name", "Not Allowed")).await().statusCode()).isEqualTo(403);
    }

    @Test
    void nothing_to_search_for_is_a_400_and_nothing_found_an_empty_list() {
        assertThat(rig.get("/api/accounts", token).statusCode()).isEqualTo(400);
        assertThat(rig.get("/api/accounts?q=%20", token).statusCode()).isEqualTo(400);
        assertThat(rig.get("/api/accounts?q=ada&limit=0", token).statusCode()).isEqualTo(400);
        assertThat(search("zzzz")).isEmpty();
        assertThat(search("%")).as("a wildcard is just a character").isEmpty();
    }
}
