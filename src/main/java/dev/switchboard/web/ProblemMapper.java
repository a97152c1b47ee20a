package dev.switchboard.web;

import dev.switchboard.cases.StaleVersionException;
import dev.switchboard.store.DatabaseErrors;
import dev.switchboard.web.auth.ForbiddenException;
import dev.switchboard.web.auth.NotAuthenticatedException;
import dev.switchboard.web.auth.TooManyAttemptsException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.TreeMap;

/** Maps whatever a route failed with to a {@link Problem}; the one place that does so. */
public final class ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        Problem problem;
        if (failure instanceof InvalidRequestException e) {
            problem = new Problem(400, e.code(), e.getMessage());
        } else if (failure instanceof NotAuthenticatedException e) {
            problem = new Problem(401, "unauthorized", e.getMessage());
        } else if (failure instanceof ValidationException e) {
            problem = new Problem(422, "invalid_fields", e.getMessage(), new JsonObject().put("fields", new JsonObject(
                    new TreeMap<String, Object>(e.fields()))));
        } else if (failure instanceof PreconditionRequiredException e) {
            problem = new Problem(428, "version_required", e.getMessage());
        } else if (failure instanceof NotFoundException e) {
            problem = new Problem(404, "not_found", e.getMessage());
        } else if (failure instanceof GoneException e) {
            problem = new Problem(410, e.code(), e.getMessage());
        } else if (failure instanceof StaleVersionException e) {
            ctx.response().putHeader("ETag", "\"" + e.current() + "\"");
            problem = new Problem(412, "stale_version", e.getMessage(), new JsonObject().put("version", e.current()));
        } else if (failure instanceof ConflictException e) {
            problem = new Problem(409, e.code(), e.getMessage(), e.details());
        } else if (failure instanceof ForbiddenException e) {
            problem = new Problem(403, "forbidden", e.getMessage());
        } else if (failure instanceof TooManyAttemptsException e) {
            ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
            problem = new Problem(429, "too_many_attempts", e.getMessage());
        } else if (failure instanceof UnavailableException e) {
            ctx.response().putHeader("Retry-After", "5");
            problem = new Problem(503, e.code(), e.getMessage());
        } else if (DatabaseErrors.unreachable(failure)) {
            ctx.response().putHeader("Retry-After", "5");
            problem = new Problem(503, "database_unavailable",
                    "The database is not answering right now; try again in a few seconds.");
        } else if (failure == null && status >= 400 && status < 500) {
            problem = forStatus(status);
        } else {
            log.error("Unhandled failure on {} {}", ctx.request().method(), loggable(ctx.request().path()), failure);
            problem = new Problem(500, "internal_error", "Something went wrong on our side; it has been logged.");
        }
        if (!ctx.response().ended()) {
            if (HttpServerVerticle.isWebSocketUpgrade(ctx.request())) {
                // the upgrade request was paused for the token lookup: let it finish before answering
                ctx.request().resume();
            }
            problem.send(ctx);
        }
    }

    /**
     * The path as it may be logged: a survey link's token is its only key, and a query may hold a
     * WebSocket ticket, so neither reaches the log.
     */
    static String loggable(String path) {
        return path == null ? null : path.replaceFirst("[?#].*$", "").replaceFirst("^/survey/[^/]+", "/survey/{token}");
    }

    static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> new Problem(400, "bad_request", "The request could not be understood.");
            case 401 -> new Problem(401, "unauthorized", "Log in first.");
            case 403 -> new Problem(403, "forbidden", "Your role may not do this.");
            case 404 -> new Problem(404, "not_found", "No such resource.");
            case 405 -> new Problem(405, "method_not_allowed", "This resource does not accept that method.");
            case 413 -> new Problem(413, "too_large", "The request body is too large.");
            default -> new Problem(status, "client_error", "The request was refused.");
        };
    }
}
