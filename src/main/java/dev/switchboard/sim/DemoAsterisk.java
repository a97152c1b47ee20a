package dev.switchboard.sim;

import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.DemoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The Asterisk that {@code serve} talks to when none is configured: the simulator on a free
 * loopback port, with a random secret, generating the demo call centre's traffic. Its AMI user
 * is {@code switchboard-demo}, so every call it makes is stored as coming from a DEMO server.
 */
public final class DemoAsterisk {

    public static final String USER = "switchboard-demo";

    private final AmiSimulator simulator;
    private final AmiServerConfig login;

    private DemoAsterisk(AmiSimulator simulator, AmiServerConfig login) {
        this.simulator = simulator;
        this.login = login;
    }

    public static Future<DemoAsterisk> start(Vertx vertx, DemoConfig demo) {
        byte[] secretBytes = new byte[16];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        TrafficProfile profile = TrafficProfile.demo(demo.agents(), demo.callsPerMinute() / 60.0,
                Math.max(1, demo.accounts()), System.currentTimeMillis());
        AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials(USER, secret),
                "Asterisk Call Manager/11.0.0", () -> new GeneratorFeed(vertx, profile, 0), () -> { });
        return simulator.listen("127.0.0.1", 0)
                .map(port -> new DemoAsterisk(simulator, new AmiServerConfig(USER, secret, "127.0.0.1", port)));
    }

    /** How Switchboard logs in to it. */
    public AmiServerConfig login() {
        return login;
    }

    public Future<Void> close() {
        return simulator.close();
    }
}
