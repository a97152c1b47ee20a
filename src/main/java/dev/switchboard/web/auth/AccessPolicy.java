package dev.switchboard.web.auth;

import dev.switchboard.web.RouteModule;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which roles may use which {@code /api} routes, in one table. Mounted right after the login
 * check, so every {@code /api} request passes here before any capability sees it. The first rule
 * whose method and path match decides; a path no rule names is refused (403), so a new route is
 * closed until it is given a rule.
 */
public final class AccessPolicy implements RouteModule {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String DISPATCHER = "dispatcher";
    public static final String ADMIN = "admin";

    public static final Set<String> EVERYONE = Set.of(AGENT, SUPERVISOR, DISPATCHER, ADMIN);
    public static final Set<String> SUPERVISORS = Set.of(SUPERVISOR, ADMIN);
    public static final Set<String> DISPATCHERS = Set.of(DISPATCHER, SUPERVISOR, ADMIN);

    /**
     * One rule: {@code method} (null for any) on {@code path}, where a {@code *} segment stands for
     * any one segment and a {@code *} at the end for anything that follows.
     */
    public record Rule(HttpMethod method, String path, Set<String> roles, Pattern pattern) {

        Rule(HttpMethod method, String path, Set<String> roles) {
            this(method, path, roles, pattern(path));
        }

        boolean matches(HttpMethod requestMethod, String requestPath) {
            return (method == null || method.equals(requestMethod)) && pattern.matcher(requestPath).matches();
        }

        private static Pattern pattern(String path) {
            StringBuilder regex = new StringBuilder();
            String[] parts = path.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    regex.append(i == parts.length - 2 && parts[i + 1].isEmpty() ? ".*" : "[^/]+");
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule(null, "/api/logout", EVERYONE),
            new Rule(null, "/api/me", EVERYONE),
            // everyone's own password (the current one is required)
            new Rule(HttpMethod.POST, "/api/me/password", EVERYONE),
            new Rule(HttpMethod.POST, "/api/ws-tickets", EVERYONE),
            new Rule(null, "/api/admin/*", Set.of(ADMIN)),
            // the agent's own phone: pops, ready/paused, their state
            new Rule(null, "/api/agent/*", Set.of(AGENT)),
            // the wallboard and its figures
            new Rule(null, "/api/queues*", SUPERVISORS),
            new Rule(null, "/api/reports/*", SUPERVISORS),
            new Rule(null, "/api/calls*", SUPERVISORS),
            new Rule(HttpMethod.POST, "/api/kb/articles", SUPERVISORS),
            // engineers' days, their live feed (/api/dispatch/live) and their reports
            new Rule(null, "/api/dispatch/*", DISPATCHERS),
            new Rule(HttpMethod.POST, "/api/visits/*/report", DISPATCHERS),
            new Rule(null, "/api/waitlist", DISPATCHERS),
            // service requests: everyone who talks to customers; which cases an agent may work is
            // decided per case by the cases capability
            new Rule(null, "/api/cases*", EVERYONE),
            new Rule(null, "/api/visits/*", EVERYONE),
            new Rule(null, "/api/kb/*", EVERYONE),
            new Rule(null, "/api/callbacks*", EVERYONE),
            // accounts: everyone finds and reads them; those who talk to customers (and admins)
            // create and correct them — dispatchers only read
            new Rule(HttpMethod.GET, "/api/accounts*", EVERYONE),
            new Rule(null, "/api/accounts*", Set.of(AGENT, SUPERVISOR, ADMIN)));

    @Override
    public void mount(Router router) {
        router.route("/api/*").handler(this::check);
    }

    private void check(RoutingContext ctx) {
        AuthenticatedUser user = AuthenticatedUser.of(ctx);
        Optional<Rule> rule = ruleFor(ctx.request().method(), ctx.normalizedPath());
        if (rule.isEmpty()) {
            ctx.fail(new ForbiddenException("No role may use " + ctx.normalizedPath() + "."));
        } else if (!rule.get().roles().contains(user.role())) {
            ctx.fail(new ForbiddenException("This needs the role " + String.join(" or ", sorted(rule.get().roles()))
                    + "; you are " + user.role() + "."));
        } else {
            ctx.next();
        }
    }

    /** The rule that decides a request, if any. */
    public static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    private static List<String> sorted(Set<String> roles) {
        return roles.stream().sorted().toList();
    }
}
