package dev.switchboard.accounts;

import dev.switchboard.web.InvalidRequestException;
import dev.switchboard.web.PathParameters;
import dev.switchboard.web.QueryParameters;
import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.RouteModule;
import dev.switchboard.web.Versions;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Accounts over HTTP. {@code GET /api/accounts?q=&limit=} finds them (see {@link AccountSearch});
 * {@code POST /api/accounts} creates one (201); {@code GET /api/accounts/{id}} shows it as the pop
 * does, with an {@code ETag} of its version; {@code PATCH /api/accounts/{id}} corrects it and must
 * send that version as {@code If-Match}; {@code POST /api/accounts/{id}/phones} and
 * {@code DELETE /api/accounts/{id}/phones/{phone}} add and remove numbers (If-Match optional);
 * {@code GET /api/accounts/{id}/events} is its audit trail. {@code GET/PUT
 * /api/admin/postcode-regions} is the postcode → region table.
 */
public final class AccountsRoutes implements RouteModule {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    static final int MAX_QUERY = 200;

    private final AccountSearch search;
    private final AccountStore store;
    private final AccountRequests requests;
    private final PostcodeRegions regions;

    public AccountsRoutes(AccountSearch search, AccountStore store, AccountRequests requests, PostcodeRegions regions) {
        this.search = search;
        this.store = store;
        this.requests = requests;
        this.regions = regions;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/accounts").handler(this::search);
        router.post("/api/accounts").handler(ctx -> respond(ctx, 201,
                store.create(requests.newAccount(RequestBodies.jsonObject(ctx)), AuthenticatedUser.of(ctx))));
        router.get("/api/accounts/:id").handler(ctx -> respond(ctx, 200, store.get(PathParameters.id(ctx))));
        router.patch("/api/accounts/:id").handler(ctx -> {
            long id = PathParameters.id(ctx);
            int version = Versions.required(ctx);
            respond(ctx, 200, store.edit(id, version, requests.edit(RequestBodies.jsonObject(ctx)),
                    AuthenticatedUser.of(ctx)));
        });
        router.post("/api/accounts/:id/phones").handler(ctx -> {
            long id = PathParameters.id(ctx);
            Integer version = Versions.optional(ctx);
            respond(ctx, 201, store.addPhone(id, version, requests.phone(RequestBodies.jsonObject(ctx)),
                    AuthenticatedUser.of(ctx)));
        });
        router.delete("/api/accounts/:id/phones/:phone").handler(ctx -> {
            long id = PathParameters.id(ctx);
            Integer version = Versions.optional(ctx);
            respond(ctx, 200, store.removePhone(id, phoneId(ctx), version, AuthenticatedUser.of(ctx)));
        });
        router.get("/api/accounts/:id/events").handler(ctx -> json(ctx, store.events(PathParameters.id(ctx))));
        router.get("/api/admin/postcode-regions").handler(ctx -> json(ctx, regions.table()));
        router.put("/api/admin/postcode-regions").handler(ctx -> json(ctx, regions.replace(entries(ctx))));
    }

    private void search(RoutingContext ctx) {
        String q = ctx.queryParams().get("q");
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
            throw new InvalidRequestException("invalid_parameter", "'q' must be 1 to " + MAX_QUERY
                    + " characters: an account number, a phone number, a name, a postcode or a street.");
        }
        json(ctx, search.search(q, QueryParameters.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    private static long phoneId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("phone"));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_parameter", "A phone id is a number, not '"
                    + ctx.pathParam("phone") + "'.");
        }
    }

    /** The body of PUT /api/admin/postcode-regions: a JSON array of {prefix, region}. */
    private static List<JsonObject> entries(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        try {
            JsonArray array = new JsonArray(text == null ? "" : text);
            List<JsonObject> entries = new ArrayList<>();
            for (Object entry : array) {
                if (!(entry instanceof JsonObject object)) {
                    throw new InvalidRequestException("malformed_json", "Each entry is {\"prefix\": ..., \"region\": ...}.");
                }
                entries.add(object);
            }
            return entries;
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("malformed_json",
                    "Send a JSON array of {\"prefix\": \"SW1\", \"region\": \"london\"}.");
        }
    }

    private static void respond(RoutingContext ctx, int status, Future<JsonObject> account) {
        account.onSuccess(json -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("ETag", "\"" + json.getInteger("version") + "\"").end(json.encode())).onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, Future<JsonArray> result) {
        result.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(ctx::fail);
    }
}
