package dev.switchboard.health;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A part whose trouble degrades the service without stopping it from serving (an Asterisk link
 * that is down: the UI and the cases API still work). Shown in {@code /health}; never a reason for
 * {@code /ready} to say no, so a load balancer keeps the service in while Asterisk restarts.
 */
public interface HealthDetail {

    /** The key under which {@code /health} shows it. */
    String name();

    /** Its state as {@code /health} shows it. */
    JsonObject state();

    /** What is wrong now, one line each; empty when all is well. */
    List<String> degradations();
}
