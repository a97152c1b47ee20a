package dev.switchboard.accounts;

import dev.switchboard.web.RequestBodies;
import dev.switchboard.web.ValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads account request bodies, reporting every bad field at once (422 naming each): phone numbers
 * must be numbers libphonenumber can write in E.164 (national ones in the default country), emails
 * must look like emails, kinds and statuses must be known ones.
 */
public final class AccountRequests {

    static final Set<String> STATUSES = Set.of("active", "suspended", "closed");
    static final Set<String> PHONE_KINDS = Set.of("mobile", "home", "work", "other");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,12}");
    private static final int MAX_PHONES = 10;

    private final String defaultCountry;

    public AccountRequests(String defaultCountry) {
        this.defaultCountry = defaultCountry;
    }

    public NewAccount newAccount(JsonObject body) {
        Map<String, String> problems = new LinkedHashMap<>();
        String number = RequestBodies.field(body, "accountNumber", 12, false, problems);
        if (number != null && !ACCOUNT_NUMBER.matcher(number).matches()) {
            problems.put("accountNumber", "must be 4 to 12 digits");
        }
        String name = RequestBodies.field(body, "name", 200, true, problems);
        String email = email(body, problems);
        String status = RequestBodies.oneOf(body, "status", "active", STATUSES, problems);
        List<PhoneEntry> phones = phones(body, problems);
        AddressEntry address = body.getValue("address") == null ? null : address(body, problems);
        failOn(problems);
        return new NewAccount(number, name, email, status, phones, address);
    }

    public AccountEdit edit(JsonObject body) {
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<String> name = body.containsKey("name")
                ? Optional.ofNullable(RequestBodies.field(body, "name", 200, true, problems)) : Optional.empty();
        Optional<Optional<String>> email = body.containsKey("email")
                ? Optional.of(Optional.ofNullable(email(body, problems))) : Optional.empty();
        Optional<String> status = body.containsKey("status")
                ? Optional.ofNullable(RequestBodies.oneOf(body, "status", null, STATUSES, problems)) : Optional.empty();
        Optional<AddressEntry> address = body.containsKey("address")
                ? Optional.ofNullable(address(body, problems)) : Optional.empty();
        failOn(problems);
        return new AccountEdit(name, email, status, address);
    }

    public PhoneEntry phone(JsonObject body) {
        Map<String, String> problems = new LinkedHashMap<>();
        PhoneEntry phone = phone(body, "", problems);
        failOn(problems);
        return phone;
    }

    private String email(JsonObject body, Map<String, String> problems) {
        String email = RequestBodies.field(body, "email", 254, false, problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.put("email", "is not an email address like name@example.com");
            return null;
        }
        return email;
    }

    private List<PhoneEntry> phones(JsonObject body, Map<String, String> problems) {
        Object value = body.getValue("phones");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_PHONES) {
            problems.put("phones", "must be a list of at most " + MAX_PHONES + " phones");
            return List.of();
        }
        List<PhoneEntry> phones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "phones[" + i + "].";
            if (!(array.getValue(i) instanceof JsonObject phone)) {
                problems.put("phones[" + i + "]", "must be an object with number, kind and shared");
                continue;
            }
            PhoneEntry entry = phone(phone, field, problems);
            if (entry != null && !seen.add(entry.e164())) {
                problems.put(field + "number", "is given twice");
            } else if (entry != null) {
                phones.add(entry);
            }
        }
        return phones;
    }

    private PhoneEntry phone(JsonObject phone, String prefix, Map<String, String> problems) {
        Map<String, String> own = new LinkedHashMap<>();
        String number = RequestBodies.field(phone, "number", 40, true, own);
        String kind = RequestBodies.oneOf(phone, "kind", "mobile", PHONE_KINDS, own);
        Object shared = phone.getValue("shared");
        if (shared != null && !(shared instanceof Boolean)) {
            own.put("shared", "must be true or false");
        }
        Optional<String> e164 = number == null ? Optional.empty() : CallerNumber.of(number, defaultCountry).e164();
        if (number != null && e164.isEmpty()) {
            own.put("number", "is not a phone number (national numbers are read as " + defaultCountry + ")");
        }
        own.forEach((field, message) -> problems.put(prefix + field, message));
        return own.isEmpty() ? new PhoneEntry(e164.get(), kind, Boolean.TRUE.equals(shared)) : null;
    }

    private static AddressEntry address(JsonObject body, Map<String, String> problems) {
        if (!(body.getValue("address") instanceof JsonObject address)) {
            problems.put("address", "must be an object with line1, line2, city, postcode and region");
            return null;
        }
        Map<String, String> own = new LinkedHashMap<>();
        String line1 = RequestBodies.field(address, "line1", 200, true, own);
        String line2 = RequestBodies.field(address, "line2", 200, false, own);
        String city = RequestBodies.field(address, "city", 100, true, own);
        String postcode = RequestBodies.field(address, "postcode", 16, true, own);
        if (postcode != null && !PostcodeRegions.key(postcode).matches("[A-Z0-9]{2,16}")) {
            own.put("postcode", "must be letters and digits");
        }
        String region = RequestBodies.field(address, "region", 32, false, own);
        own.forEach((field, message) -> problems.put("address." + field, message));
        return own.isEmpty() ? new AddressEntry(line1, line2, city, postcode, region) : null;
    }

    private static void failOn(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
