package dev.switchboard.accounts;

import java.util.List;

/** An account to create; {@code accountNumber} null: one is chosen; {@code address} may be null. */
public record NewAccount(String accountNumber, String name, String email, String status, List<PhoneEntry> phones,
                         AddressEntry address) {
}
