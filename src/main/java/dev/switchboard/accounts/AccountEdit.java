package dev.switchboard.accounts;

import java.util.Optional;

/**
 * A correction of an account: only the fields sent change. {@code email} present but empty
 * clears it; {@code address} replaces the service address.
 */
public record AccountEdit(Optional<String> name, Optional<Optional<String>> email, Optional<String> status,
                          Optional<AddressEntry> address) {
}
