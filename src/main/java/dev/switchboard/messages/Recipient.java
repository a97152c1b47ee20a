package dev.switchboard.messages;

import java.util.Optional;

/** An account as far as messages go: its name, where it can be reached, and the way it prefers. */
record Recipient(String name, String email, String preferred, String mobile, String location) {

    /** Where a message goes: the preferred way if the account has it, else e-mail, else SMS to a mobile. */
    Optional<Address> address() {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasMobile = mobile != null && !mobile.isBlank();
        if ("sms".equals(preferred) && hasMobile) {
            return Optional.of(new Address(Channel.Kind.SMS, mobile));
        }
        if (hasEmail) {
            return Optional.of(new Address(Channel.Kind.EMAIL, email.trim()));
        }
        return hasMobile ? Optional.of(new Address(Channel.Kind.SMS, mobile)) : Optional.empty();
    }

    record Address(Channel.Kind channel, String to) {
    }
}
