package dev.switchboard.accounts;

/** A phone number of an account: E.164, its kind (mobile, home, work, other), shared or the account's alone. */
public record PhoneEntry(String e164, String kind, boolean shared) {
}
