package dev.switchboard.accounts;

import dev.switchboard.cases.StaleVersionException;
import dev.switchboard.store.Constraints;
import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import dev.switchboard.web.ConflictException;
import dev.switchboard.web.NotFoundException;
import dev.switchboard.web.auth.AuthenticatedUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accounts created and corrected: each change in one transaction with its line in the account's
 * audit trail (who, when, what changed from what to what). Changes of details name the version
 * they are based on (If-Match); an older one is refused, as for cases. A phone number that is
 * another account's alone (not marked shared) is refused, naming that account.
 */
public final class AccountStore {

    private static final int NUMBER_ATTEMPTS = 5;

    private final Pool pool;
    private final Clock clock;
    private final AccountDirectory directory;
    private final PostcodeRegions regions;
    private final SecureRandom random = new SecureRandom();

    public AccountStore(Pool pool, Clock clock, AccountDirectory directory, PostcodeRegions regions) {
        this.pool = pool;
        this.clock = clock;
        this.directory = directory;
        this.regions = regions;
    }

    /** The account as the pop shows it (details, phones, open cases, history) with its version. */
    public Future<JsonObject> get(long id) {
        return directory.profile(id, null).map(profile -> {
            if (profile.getBoolean("missing", false)) {
                throw new NotFoundException("There is no account " + id + ".");
            }
            return profile;
        });
    }

    public Future<JsonObject> create(NewAccount account, AuthenticatedUser user) {
        return Transactions.within(pool, client -> accountNumber(client, account.accountNumber(), NUMBER_ATTEMPTS)
                        .compose(number -> checkPhones(client, 0, account.phones()).map(number))
                        .compose(number -> insertAccount(client, account, number))
                        .compose(id -> addPhones(client, id, account.phones())
                                .compose(v -> account.address() == null ? Future.succeededFuture(null)
                                        : insertAddress(client, id, account.address()))
                                .compose(region -> event(client, id, user, "created", created(account, region)))
                                .map(id)))
                .recover(AccountStore::conflictOnRace)
                .compose(this::get);
    }

    public Future<JsonObject> edit(long id, int version, AccountEdit edit, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lock(client, id, version).compose(current -> {
            JsonObject changes = new JsonObject();
            String name = edit.name().orElse(current.getString("name"));
            String email = edit.email().isPresent() ? edit.email().get().orElse(null) : current.getString("email");
            String status = edit.status().orElse(current.getString("status"));
            change(changes, "name", current.getString("name"), name);
            change(changes, "email", current.getString("email"), email);
            change(changes, "status", current.getString("status"), status);
            Future<Void> address = edit.address().isEmpty() ? Future.succeededFuture()
                    : replaceAddress(client, id, edit.address().get(), changes);
            return address.compose(v -> {
                if (changes.isEmpty()) {
                    return Future.succeededFuture();
                }
                Map<String, Object> p = parameters(id);
                p.put("name", name);
                p.put("email", email);
                p.put("status", status);
                return SqlTemplate.forUpdate(client, AccountsSql.UPDATE_ACCOUNT).execute(p)
                        .compose(u -> changes.containsKey("name") ? renameWords(client, id) : Future.succeededFuture())
                        .compose(u -> event(client, id, user, "edited", changes));
            });
        })).compose(v -> get(id));
    }

    /** Adds a phone number; {@code version} null: whatever version the account is at. */
    public Future<JsonObject> addPhone(long id, Integer version, PhoneEntry phone, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lock(client, id, version)
                        .compose(current -> SqlTemplate.forQuery(client, AccountsSql.PHONE_OF_ACCOUNT)
                                .execute(Map.of("account", id, "e164", phone.e164())))
                        .compose(own -> {
                            if (own.size() > 0) {
                                throw new ConflictException("phone_on_account", "Account " + id + " already has "
                                        + phone.e164() + ".", new JsonObject().put("e164", phone.e164()));
                            }
                            return checkPhones(client, id, List.of(phone));
                        })
                        .compose(v -> addPhones(client, id, List.of(phone)))
                        .compose(v -> bump(client, id))
                        .compose(v -> event(client, id, user, "phone-added", phoneChange(null, phone))))
                .recover(AccountStore::conflictOnRace)
                .compose(v -> get(id));
    }

    /** Removes one of the account's phone numbers; {@code version} null: whatever version it is at. */
    public Future<JsonObject> removePhone(long id, long phoneId, Integer version, AuthenticatedUser user) {
        return Transactions.within(pool, client -> lock(client, id, version)
                .compose(current -> SqlTemplate.forQuery(client, AccountsSql.PHONE_BY_ID)
                        .execute(Map.of("account", id, "phone", phoneId)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("Account " + id + " has no phone " + phoneId + ".");
                    }
                    Row r = rows.iterator().next();
                    PhoneEntry removed = new PhoneEntry(r.getString("e164"), r.getString("kind"), r.getBoolean("shared"));
                    return SqlTemplate.forUpdate(client, AccountsSql.DELETE_PHONE).execute(Map.of("phone", phoneId))
                            .compose(v -> bump(client, id))
                            .compose(v -> event(client, id, user, "phone-removed", phoneChange(removed, null)));
                })).compose(v -> get(id));
    }

    /** The audit trail, oldest first: {@code [{id, at, actor, kind, changes: {field: {from, to}}}]}. */
    public Future<JsonArray> events(long id) {
        return get(id).compose(exists -> SqlTemplate.forQuery(pool, AccountsSql.EVENTS).execute(Map.of("account", id)))
                .map(rows -> {
                    JsonArray events = new JsonArray();
                    rows.forEach(r -> events.add(new JsonObject().put("id", r.getLong("id"))
                            .put("at", UtcTimes.text(r.getLocalDateTime("at"))).put("actor", r.getString("actor"))
                            .put("kind", r.getString("kind")).put("changes", new JsonObject(r.getString("changes")))));
                    return events;
                });
    }

    private Future<String> accountNumber(SqlClient client, String wanted, int attempts) {
        String number = wanted != null ? wanted : String.valueOf(10_000_000 + random.nextInt(90_000_000));
        return SqlTemplate.forQuery(client, AccountsSql.NUMBER_TAKEN).execute(Map.of("number", number)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(number);
            }
            if (wanted != null) {
                throw new ConflictException("account_number_taken", "Account number " + wanted
                        + " is already account " + rows.iterator().next().getLong("id") + "'s.",
                        new JsonObject().put("accountId", rows.iterator().next().getLong("id")));
            }
            return attempts > 1 ? accountNumber(client, null, attempts - 1)
                    : Future.failedFuture(new IllegalStateException("no free account number found"));
        });
    }

    /** Refuses numbers that are another account's alone (409 naming it). */
    private static Future<Void> checkPhones(SqlClient client, long accountId, List<PhoneEntry> phones) {
        Future<Void> chain = Future.succeededFuture();
        for (PhoneEntry phone : phones) {
            chain = chain.compose(v -> SqlTemplate.forQuery(client, AccountsSql.PHONE_HOLDERS)
                    .execute(Map.of("e164", phone.e164(), "account", accountId)).map(rows -> {
                        for (Row holder : rows) {
                            if (!holder.getBoolean("shared")) {
                                throw phoneTaken(phone.e164(), holder);
                            }
                        }
                        return null;
                    }));
        }
        return chain;
    }

    private static ConflictException phoneTaken(String e164, Row holder) {
        return new ConflictException("phone_taken", e164 + " is the phone number of account "
                + holder.getString("account_number") + " (" + holder.getString("name")
                + ") alone; mark it shared there first, or correct that account.",
                new JsonObject().put("e164", e164).put("account", new JsonObject()
                        .put("id", holder.getLong("account_id"))
                        .put("accountNumber", holder.getString("account_number"))
                        .put("name", holder.getString("name"))));
    }

    /** A unique key that refused a row after the checks passed: someone else got there first. */
    private static <T> Future<T> conflictOnRace(Throwable e) {
        if (Constraints.violated(e)) {
            return Future.failedFuture(new ConflictException("conflict", "Someone else just took this account number "
                    + "or phone number; search again and retry.", new JsonObject()));
        }
        return Future.failedFuture(e);
    }

    private Future<Long> insertAccount(SqlClient client, NewAccount account, String number) {
        Map<String, Object> p = new HashMap<>();
        p.put("number", number);
        p.put("name", account.name());
        p.put("email", account.email());
        p.put("status", account.status());
        p.put("now", now());
        return SqlTemplate.forQuery(client, AccountsSql.INSERT_ACCOUNT).execute(p)
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private static Future<Void> addPhones(SqlClient client, long id, List<PhoneEntry> phones) {
        Future<Void> chain = Future.succeededFuture();
        for (PhoneEntry phone : phones) {
            chain = chain.compose(v -> SqlTemplate.forUpdate(client, AccountsSql.INSERT_PHONE)
                    .execute(Map.of("account", id, "e164", phone.e164(), "kind", phone.kind(), "shared", phone.shared()))
                    .mapEmpty());
        }
        return chain;
    }

    private Future<PostcodeRegions.Region> insertAddress(SqlClient client, long id, AddressEntry address) {
        return regions.regionOf(client, address, "address").compose(region -> SqlTemplate
                .forUpdate(client, AccountsSql.INSERT_ADDRESS).execute(addressParameters(id, address, region))
                .map(region));
    }

    private Future<Void> replaceAddress(SqlClient client, long id, AddressEntry address, JsonObject changes) {
        return regions.regionOf(client, address, "address").compose(region -> SqlTemplate
                .forQuery(client, AccountsSql.PRIMARY_ADDRESS).execute(Map.of("account", id)).compose(rows -> {
                    Map<String, Object> p = addressParameters(id, address, region);
                    JsonObject before = null;
                    String sql = AccountsSql.INSERT_ADDRESS;
                    if (rows.size() > 0) {
                        Row r = rows.iterator().next();
                        before = addressJson(r.getString("line1"), r.getString("line2"), r.getString("city"),
                                r.getString("postcode"), r.getString("region_code"));
                        p.put("address", r.getLong("id"));
                        sql = AccountsSql.UPDATE_ADDRESS;
                    }
                    JsonObject after = addressJson(address.line1(), address.line2(), address.city(), address.postcode(),
                            region.code());
                    if (after.equals(before)) {
                        return Future.succeededFuture();
                    }
                    changes.put("address", new JsonObject().put("from", before).put("to", after));
                    return SqlTemplate.forUpdate(client, sql).execute(p).mapEmpty();
                }));
    }

    private static Map<String, Object> addressParameters(long id, AddressEntry address, PostcodeRegions.Region region) {
        Map<String, Object> p = new HashMap<>();
        p.put("account", id);
        p.put("line1", address.line1());
        p.put("line2", address.line2());
        p.put("city", address.city());
        p.put("postcode", address.postcode());
        p.put("region", region.id());
        return p;
    }

    private static JsonObject addressJson(String line1, String line2, String city, String postcode, String region) {
        return new JsonObject().put("line1", line1).put("line2", line2).put("city", city).put("postcode", postcode)
                .put("region", region);
    }

    private static JsonObject created(NewAccount account, PostcodeRegions.Region region) {
        JsonObject changes = new JsonObject();
        change(changes, "name", null, account.name());
        change(changes, "email", null, account.email());
        change(changes, "status", null, account.status());
        JsonArray phones = new JsonArray();
        account.phones().forEach(p -> phones.add(phoneJson(p)));
        if (!phones.isEmpty()) {
            changes.put("phones", new JsonObject().putNull("from").put("to", phones));
        }
        AddressEntry a = account.address();
        if (a != null) {
            changes.put("address", new JsonObject().putNull("from").put("to",
                    addressJson(a.line1(), a.line2(), a.city(), a.postcode(), region.code())));
        }
        return changes;
    }

    private static JsonObject phoneChange(PhoneEntry from, PhoneEntry to) {
        return new JsonObject().put("phone", new JsonObject().put("from", from == null ? null : phoneJson(from))
                .put("to", to == null ? null : phoneJson(to)));
    }

    private static JsonObject phoneJson(PhoneEntry phone) {
        return new JsonObject().put("e164", phone.e164()).put("kind", phone.kind()).put("shared", phone.shared());
    }

    private static void change(JsonObject changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new JsonObject().put("from", from).put("to", to));
        }
    }

    /** Locks the account row; its details if it is still at {@code version} (null: any). */
    private static Future<JsonObject> lock(SqlClient client, long id, Integer version) {
        return SqlTemplate.forQuery(client, AccountsSql.LOCK_ACCOUNT).execute(Map.of("account", id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException("There is no account " + id + ".");
            }
            Row r = rows.iterator().next();
            int current = r.getInteger("version");
            if (version != null && version != current) {
                throw new StaleVersionException("Account", id, version, current);
            }
            return new JsonObject().put("name", r.getString("name")).put("email", r.getString("email"))
                    .put("status", r.getString("status"));
        });
    }

    private Future<Void> bump(SqlClient client, long id) {
        return SqlTemplate.forUpdate(client, AccountsSql.BUMP_VERSION).execute(parameters(id)).mapEmpty();
    }

    private static Future<Void> renameWords(SqlClient client, long id) {
        return SqlTemplate.forUpdate(client, AccountsSql.DELETE_NAME_WORDS).execute(Map.of("account", id))
                .compose(v -> SqlTemplate.forUpdate(client, AccountsSql.NAME_WORDS).execute(Map.of("account", id)))
                .mapEmpty();
    }

    private Future<Void> event(SqlClient client, long id, AuthenticatedUser user, String kind, JsonObject changes) {
        Map<String, Object> p = parameters(id);
        p.put("user", user.id());
        p.put("actor", user.username());
        p.put("kind", kind);
        p.put("changes", changes.encode());
        return SqlTemplate.forUpdate(client, AccountsSql.INSERT_EVENT).execute(p).mapEmpty();
    }

    private Map<String, Object> parameters(long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("account", id);
        p.put("now", now());
        return p;
    }

    private LocalDateTime now() {
        return UtcTimes.column(clock.instant());
    }
}
