package dev.switchboard.health;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Something the service cannot serve its API and UI without (the database and its schema): empty
 * when fine, else the reason. {@code /ready} is 503 while any says no.
 */
public interface ReadinessCheck {

    String name();

    Future<Optional<String>> notReadyReason();
}
