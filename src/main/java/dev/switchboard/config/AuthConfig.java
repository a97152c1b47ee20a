package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/** Logins: the first admin's password (from config, else generated) and how long a token lives. */
public record AuthConfig(Optional<String> initialAdminPassword, Duration sessionTtl) {

    @Override
    public String toString() {
        return "AuthConfig[initialAdminPassword=" + (initialAdminPassword.isPresent() ? "***" : "random")
                + ", sessionTtl=" + sessionTtl + "]";
    }
}
