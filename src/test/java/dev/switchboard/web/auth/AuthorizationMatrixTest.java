package dev.switchboard.web.auth;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.Recordings;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import dev.switchboard.testing.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the service serves, asked by nobody and by each role: who may use it is written out
 * here route by route (not read from the policy under test). Nobody gets 401, a role not listed
 * gets 403, a listed role gets past the door (whatever the route then says about the made-up ids
 * and empty bodies sent here, it is neither 401 nor 403, nor a server error).
 */
class AuthorizationMatrixTest {

    private static final String PASSWORD = "matrix-password";
    private static final Set<String> ROLES = Set.of("agent", "supervisor", "dispatcher", "admin");
    private static final Set<String> EVERYONE = ROLES;
    private static final Set<String> AGENT = Set.of("agent");
    private static final Set<String> SUPERVISORS = Set.of("supervisor", "admin");
    private static final Set<String> DISPATCHERS = Set.of("dispatcher", "supervisor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> ACCOUNT_EDITORS = Set.of("agent", "supervisor", "admin");
    /** Served without a login: health, readiness, metrics, the API description, the survey link. */
    private static final Set<String> PUBLIC = Set.of();

    private static final Map<String, Set<String>> WHO_MAY = new LinkedHashMap<>();

    static {
        WHO_MAY.put("GET /health", PUBLIC);
        WHO_MAY.put("GET /ready", PUBLIC);
        WHO_MAY.put("GET /metrics", PUBLIC);
        WHO_MAY.put("GET /openapi.json", PUBLIC);
        WHO_MAY.put("GET /survey/:token", PUBLIC);
        WHO_MAY.put("POST /survey/:token", PUBLIC);
        WHO_MAY.put("GET /api/me", EVERYONE);
        WHO_MAY.put("POST /api/me/password", EVERYONE);
        WHO_MAY.put("POST /api/ws-tickets", EVERYONE);
        WHO_MAY.put("GET /api/calls", SUPERVISORS);
        WHO_MAY.put("GET /api/calls/abandoned", SUPERVISORS);
        WHO_MAY.put("GET /api/queues", SUPERVISORS);
        WHO_MAY.put("GET /api/queues/live", SUPERVISORS);
        WHO_MAY.put("GET /api/reports/intervals", SUPERVISORS);
        WHO_MAY.put("GET /api/reports/case-states", SUPERVISORS);
        WHO_MAY.put("GET /api/reports/solved-with-articles", SUPERVISORS);
        WHO_MAY.put("GET /api/agent/pops", AGENT);
        WHO_MAY.put("GET /api/agent/state", AGENT);
        WHO_MAY.put("POST /api/agent/state", AGENT);
        WHO_MAY.put("POST /api/cases", EVERYONE);
        WHO_MAY.put("GET /api/cases", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id", EVERYONE);
        WHO_MAY.put("PATCH /api/cases/:id", EVERYONE);
        WHO_MAY.put("POST /api/cases/:id/transitions", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/events", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/timeline", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/slots", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/booking-options", EVERYONE);
        WHO_MAY.put("POST /api/cases/:id/visits", EVERYONE);
        WHO_MAY.put("POST /api/cases/:id/waitlist", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/surveys", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/messages", EVERYONE);
        WHO_MAY.put("GET /api/cases/:id/articles/suggested", EVERYONE);
        WHO_MAY.put("POST /api/cases/:id/articles", EVERYONE);
        WHO_MAY.put("POST /api/cases/:id/escalations", EVERYONE);
        WHO_MAY.put("GET /api/waitlist", DISPATCHERS);
        WHO_MAY.put("GET /api/visits/:id", EVERYONE);
        WHO_MAY.put("POST /api/visits/:id/cancel", EVERYONE);
        WHO_MAY.put("POST /api/visits/:id/advised", EVERYONE);
        WHO_MAY.put("POST /api/visits/:id/reschedule", EVERYONE);
        WHO_MAY.put("POST /api/visits/:id/report", DISPATCHERS);
        WHO_MAY.put("GET /api/dispatch/visits", DISPATCHERS);
        WHO_MAY.put("GET /api/dispatch/live", DISPATCHERS);
        WHO_MAY.put("POST /api/kb/articles", SUPERVISORS);
        WHO_MAY.put("GET /api/kb/search", EVERYONE);
        WHO_MAY.put("GET /api/callbacks", EVERYONE);
        WHO_MAY.put("POST /api/callbacks/:id/done", EVERYONE);
        WHO_MAY.put("GET /api/accounts", EVERYONE);
        WHO_MAY.put("POST /api/accounts", ACCOUNT_EDITORS);
        WHO_MAY.put("GET /api/accounts/:id", EVERYONE);
        WHO_MAY.put("PATCH /api/accounts/:id", ACCOUNT_EDITORS);
        WHO_MAY.put("GET /api/accounts/:id/events", EVERYONE);
        WHO_MAY.put("POST /api/accounts/:id/phones", ACCOUNT_EDITORS);
        WHO_MAY.put("DELETE /api/accounts/:id/phones/:phone", ACCOUNT_EDITORS);
        WHO_MAY.put("GET /api/admin/postcode-regions", ADMIN);
        WHO_MAY.put("PUT /api/admin/postcode-regions", ADMIN);
        WHO_MAY.put("GET /api/admin/users", ADMIN);
        WHO_MAY.put("POST /api/admin/users", ADMIN);
        WHO_MAY.put("PATCH /api/admin/users/:id", ADMIN);
        WHO_MAY.put("PUT /api/admin/users/:id/phone", ADMIN);
        WHO_MAY.put("GET /api/admin/queues", ADMIN);
        WHO_MAY.put("PUT /api/admin/queues/:name", ADMIN);
        WHO_MAY.put("GET /api/admin/engineers", ADMIN);
        WHO_MAY.put("POST /api/admin/engineers", ADMIN);
        WHO_MAY.put("PATCH /api/admin/engineers/:id", ADMIN);
        WHO_MAY.put("GET /api/admin/audit", ADMIN);
        WHO_MAY.put("POST /api/logout", EVERYONE);
    }

    private static ServiceRig rig;
    /** One session per role; POST /api/logout gets a session of its own to end. */
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Recording answered = Recording.read(Recordings.file("answered"));
        rig = new ServiceRig("matrix", answered.banner(),
                vertx -> () -> ScriptedFeed.onLogin(answered.snapshots(), List.of()), Map.of(), false);
        String hash = new PasswordHasher().hash(PASSWORD);
        Sql.on(rig.database).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(101, 'agent', 'Agent', '" + hash + "', 'agent'), "
                + "(201, 'supervisor', 'Supervisor', '" + hash + "', 'supervisor'), "
                + "(301, 'dispatcher', 'Dispatcher', '" + hash + "', 'dispatcher'), "
                + "(401, 'admin2', 'Second admin', '" + hash + "', 'admin')");
        Sql.on(rig.database).execute("INSERT INTO agents (id, user_id, member_name) VALUES (1, 101, 'Alice')");
        rig.start();
        ROLES.forEach(role -> TOKENS.put(role, login(role)));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void the_table_names_every_route_the_service_serves_and_only_those() {
        Set<String> served = new TreeSet<>(rig.routes());
        served.remove("POST /api/login");
        served.removeIf(route -> !route.contains(" /api/") && !WHO_MAY.containsKey(route));

        assertThat(served).isEqualTo(new TreeSet<>(WHO_MAY.keySet()));
    }

    @Test
    void nobody_is_let_in_without_a_login_and_each_role_only_where_the_table_says() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> row : WHO_MAY.entrySet()) {
            String[] route = row.getKey().split(" ", 2);
            HttpMethod method = HttpMethod.valueOf(route[0]);
            String path = route[1].replace(":token", "no-such-token").replace(":name", "no-such-queue")
                    .replace(":id", "999999").replace(":phone", "999999");
            boolean isPublic = row.getValue().isEmpty();
            int anonymous = call(method, path, null).statusCode();
            if (isPublic ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
                wrong.add(row.getKey() + " without a login: " + anonymous);
            }
            if (isPublic) {
                continue;
            }
            for (String role : ROLES) {
                String token = row.getKey().equals("POST /api/logout") ? login(role) : TOKENS.get(role);
                int status = call(method, path, token).statusCode();
                boolean allowed = row.getValue().contains(role);
                boolean ok = allowed ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!ok) {
                    wrong.add(row.getKey() + " as " + role + ": " + status + (allowed ? " (may use it)" : " (may not)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String login(String role) {
        String user = role.equals("admin") ? "admin2" : role;
        return rig.login(user, PASSWORD).bodyAsJsonObject().getString("token");
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, String token) {
        HttpRequest<Buffer> request = rig.client.request(method, rig.port, "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return (method == HttpMethod.GET ? request.send() : request.sendJsonObject(new JsonObject())).await();
    }
}
