package dev.switchboard.accounts;

/** A service address; {@code regionCode} null: derived from the postcode (see {@link PostcodeRegions}). */
public record AddressEntry(String line1, String line2, String city, String postcode, String regionCode) {
}
