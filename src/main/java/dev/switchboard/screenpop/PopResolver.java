package dev.switchboard.screenpop;

import dev.switchboard.accounts.AccountDirectory;
import dev.switchboard.accounts.CallerNumber;
import dev.switchboard.store.DatabaseErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Decides whose account a pop shows: (1) the account number keyed in the IVR, else (2) the caller
 * ID against every phone number of every account — one match is the account, several are a short
 * list to choose from — else (3) an unknown caller, with the action to create an account. While
 * the database is away: (4) "unavailable", with the number and what was keyed in the IVR.
 */
public final class PopResolver {

    private final AccountDirectory accounts;
    private final String defaultCountry;

    public PopResolver(AccountDirectory accounts, String defaultCountry) {
        this.accounts = accounts;
        this.defaultCountry = defaultCountry;
    }

    /** Fills {@code pop} with the caller's identity and account; completes with it. */
    Future<JsonObject> resolve(JsonObject pop, Caller caller, String linkedid) {
        CallerNumber number = CallerNumber.of(caller.number(), defaultCountry);
        pop.put("callerNumber", number.presented())
                .put("callerE164", number.e164().orElse(null))
                .put("callerName", caller.name())
                .put("withheld", number.withheld());
        Future<Boolean> byIvr = caller.ivrAccount() == null ? Future.succeededFuture(false)
                : accounts.byAccountNumber(caller.ivrAccount()).compose(found -> {
                    pop.put("ivrAccount", caller.ivrAccount());
                    if (found.isEmpty()) {
                        pop.put("ivrAccountUnknown", true);
                        return Future.succeededFuture(false);
                    }
                    return withAccount(pop, found.get().getLong("id"), linkedid, "ivr-account").map(true);
                });
        return byIvr.compose(done -> {
            if (done) {
                return Future.succeededFuture(pop);
            }
            if (number.e164().isEmpty()) {
                return Future.succeededFuture(unknown(pop));
            }
            return accounts.byPhone(number.e164().get()).compose(matches -> byCallerId(pop, matches, linkedid));
        }).recover(e -> DatabaseErrors.unreachable(e) ? Future.succeededFuture(withoutDatabase(pop, caller))
                : Future.failedFuture(e));
    }

    /** The account a case is for, to tell whose pops a change of the case concerns. */
    Future<Optional<Long>> accountOfCase(long caseId) {
        return accounts.accountOfCase(caseId);
    }

    /**
     * A copy of a pop that shows an account, with the account read again (its open cases, next
     * visit, history) — the caller and the account stay the ones the ring resolved.
     */
    Future<JsonObject> refreshed(JsonObject pop) {
        long accountId = pop.getJsonObject("account").getLong("id");
        return accounts.profile(accountId, pop.getString("linkedid")).map(profile -> pop.copy().put("account", profile));
    }

    /** What can be shown while the database is away: the number, and the account keyed in the IVR. */
    private static JsonObject withoutDatabase(JsonObject pop, Caller caller) {
        pop.remove("ivrAccountUnknown");
        return pop.put("resolvedBy", "unavailable").putNull("account").put("candidates", new JsonArray())
                .put("ivrAccount", caller.ivrAccount());
    }

    private Future<JsonObject> byCallerId(JsonObject pop, List<JsonObject> matches, String linkedid) {
        if (matches.isEmpty()) {
            return Future.succeededFuture(unknown(pop));
        }
        if (matches.size() == 1) {
            return withAccount(pop, matches.get(0).getLong("id"), linkedid, "caller-id").map(pop);
        }
        List<JsonObject> shortList = matches.subList(0, Math.min(matches.size(), AccountDirectory.MAX_CANDIDATES));
        return Future.succeededFuture(pop.put("resolvedBy", "caller-id").putNull("account")
                .put("candidates", new JsonArray(List.copyOf(shortList)))
                .put("moreCandidates", matches.size() > AccountDirectory.MAX_CANDIDATES));
    }

    private Future<Void> withAccount(JsonObject pop, long accountId, String linkedid, String resolvedBy) {
        return accounts.profile(accountId, linkedid).map(profile -> {
            pop.put("resolvedBy", resolvedBy).put("account", profile).put("candidates", new JsonArray());
            return null;
        });
    }

    private static JsonObject unknown(JsonObject pop) {
        return pop.put("resolvedBy", "none").putNull("account").put("candidates", new JsonArray())
                .put("actions", new JsonArray().add("create-account"));
    }
}
