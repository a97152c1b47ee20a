package dev.switchboard.accounts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one search box entry could be: an account number, a phone number (any format the pop
 * understands), a postcode, words of a name, a street. Each is looked up only if the text could
 * be one: "SW1A 1AA" is a postcode and (no letters only) not a name.
 */
record SearchKeys(Optional<String> accountNumber, Optional<String> e164, Optional<String> postcodePrefix,
                  List<String> nameWordPrefixes, Optional<String> streetPrefix) {

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,12}");
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ()./-]+");
    private static final Pattern POSTCODE_LIKE = Pattern.compile("[A-Z0-9]{2,10}");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^[0-9]+[A-Za-z]?,? +");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,.-]+");
    private static final int MAX_NAME_WORDS = 4;

    static SearchKeys of(String query, String defaultCountry) {
        String q = query.trim();
        return new SearchKeys(accountNumber(q), phone(q, defaultCountry), postcode(q), nameWords(q), street(q));
    }

    boolean none() {
        return accountNumber.isEmpty() && e164.isEmpty() && postcodePrefix.isEmpty() && nameWordPrefixes.isEmpty()
                && streetPrefix.isEmpty();
    }

    private static Optional<String> accountNumber(String q) {
        return ACCOUNT_NUMBER.matcher(q).matches() ? Optional.of(q) : Optional.empty();
    }

    private static Optional<String> phone(String q, String defaultCountry) {
        long digits = q.chars().filter(Character::isDigit).count();
        if (digits < 6 || !PHONE_LIKE.matcher(q).matches()) {
            return Optional.empty();
        }
        return CallerNumber.of(q.replaceAll("[ ()./-]", ""), defaultCountry).e164();
    }

    private static Optional<String> postcode(String q) {
        String key = q.replace(" ", "").toUpperCase(Locale.ROOT);
        boolean hasDigit = key.chars().anyMatch(Character::isDigit);
        return hasDigit && POSTCODE_LIKE.matcher(key).matches() ? Optional.of(likePrefix(key)) : Optional.empty();
    }

    /** Words of a name, each a LIKE prefix; the longest first (it is the most selective, so it drives). */
    private static List<String> nameWords(String q) {
        if (q.chars().noneMatch(Character::isLetter)) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : WORD_SEPARATORS.split(q)) {
            if (!word.isEmpty() && words.size() < MAX_NAME_WORDS) {
                words.add(word.length() > 64 ? word.substring(0, 64) : word);
            }
        }
        words.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return words.stream().map(SearchKeys::likePrefix).toList();
    }

    private static Optional<String> street(String q) {
        String street = HOUSE_NUMBER.matcher(q).replaceFirst("");
        if (street.isBlank() || street.chars().noneMatch(Character::isLetter) || street.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(likePrefix(street));
    }

    /** The text as a LIKE prefix pattern, its own wildcards escaped. */
    static String likePrefix(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
    }
}
