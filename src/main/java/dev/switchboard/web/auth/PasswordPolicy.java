package dev.switchboard.web.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for a new password, wherever one is set (an admin adding a user or giving them a
 * new one, a user changing their own): at least {@link #MIN_LENGTH} characters, not one of the
 * common passwords and keyboard walks in {@code common-passwords.txt} (compared without case and
 * without punctuation at the end, so {@code Password12345!} counts as {@code password12345}), and
 * not containing the user name.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final String LIST = "common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The rule with the bundled list of common passwords. */
    public static PasswordPolicy bundled() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the jar");
            }
            Set<String> common = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(common::add);
            return new PasswordPolicy(common);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code password} may not be {@code username}'s, in words that follow the field name; empty when it may. */
    public Optional<String> refusal(String username, String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(withoutEndingPunctuation(lower))) {
            return Optional.of("is one of the most common passwords, which are guessed first; choose another");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the user name");
        }
        return Optional.empty();
    }

    /** How many common passwords the list holds. */
    public int commonPasswords() {
        return common.size();
    }

    private static String withoutEndingPunctuation(String password) {
        return password.replaceFirst("[\\p{Punct}\\s]+$", "");
    }
}
