package dev.switchboard.web;

import io.vertx.core.Future;

import java.util.Optional;

/** Something that must be working before the service is ready: empty when fine, else the reason. */
public interface ReadinessCheck {

    String name();

    Future<Optional<String>> notReadyReason();
}
