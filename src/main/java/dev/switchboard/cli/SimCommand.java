package dev.switchboard.cli;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.EventFeed;
import dev.switchboard.sim.GeneratorFeed;
import dev.switchboard.sim.QueueLogFileWriter;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.sim.SharedCallCentre;
import dev.switchboard.sim.SimCredentials;
import dev.switchboard.sim.TrafficProfile;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code sim replay}: a simulated Asterisk that replays a recorded AMI session to each client.
 * {@code sim generate}: a simulated Asterisk whose synthetic call centre makes calls for each client,
 * or with {@code --queue-log} one call centre shared by all clients that writes Asterisk's queue_log.
 */
public final class SimCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(SimCommand.class);
    private static final String GENERATOR_BANNER = "Asterisk Call Manager/11.0.0";

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String summary() {
        return "simulated Asterisk: replay a recording (sim replay FILE.jsonl) or generate calls (sim generate)";
    }

    @Override
    public String help() {
        return """
                Usage: java -jar switchboard.jar sim replay FILE.jsonl [--speed N] [--host H] [--port P]
                                                 [--user U] [--secret S] [--once]

                An AMI server on TCP that greets each client with the recording's banner, checks its login
                (MD5 challenge or plain secret) and then replays the recorded events with their original
                spacing, N times faster. QueueStatus, QueueSummary and CoreShowChannels are answered with the
                lists recorded at the start of the session.

                  --speed N    replay N times faster than real time (default 1; 0.5 is half speed)
                  --host H     address to listen on (default 127.0.0.1)
                  --port P     TCP port (default 5038)
                  --user U     AMI user accepted (default switchboard)
                  --secret S   AMI secret accepted (default switchboard)
                  --once       exit once a client has heard the whole recording

                Usage: java -jar switchboard.jar sim generate [--host H] [--port P] [--user U] [--secret S]
                                                 [--agents N] [--calls-per-second R] [--calls N] [--seed S]
                                                 [--accounts N] [--speed N] [--queue-log FILE] [--once]

                An AMI server whose simulated call centre (queues support and billing, billing overflowing to
                support after 60 s) makes calls for each client that logs in, reported with the events and
                fields a real Asterisk 22 sends: IVR account entry, queue joins, agents ringing (some not
                answering), answers, abandons, timeouts, pauses. QueueStatus, QueueSummary and CoreShowChannels
                report its current state.

                With --queue-log there is one call centre, started at once and shared by every client, as a
                real Asterisk is: calls go on while no client listens, a client hears them from when it logs
                in, and Asterisk's queue_log for them is written to FILE.

                  --agents N            agents logged in (default 5: Alice, Bob, Carol, Dave, Erin, then Agent0006 …)
                  --calls-per-second R  mean arrival rate (default 0.2)
                  --calls N             stop making calls after N; with --once, exit when they have ended
                  --seed S              random seed; the same seed makes the same callers (default 1)
                  --accounts N          callers are demo accounts 10000 … 10000+N-1 (default 300)
                  --speed N             simulated time runs N times faster (default 1); rates are per simulated second
                  --queue-log FILE      one shared call centre that appends Asterisk's queue_log lines for its calls
                                        to FILE (created if absent, its directory must exist), one line at a time:
                                        time|callid|queue|agent|event|data..., time in simulated epoch seconds,
                                        callid the caller's Uniqueid, agent the member name
                  --once                exit once a client has heard all --calls calls end (with --queue-log: once
                                        they have ended and a client is or was logged in)
                """;
    }

    @Override
    public int run(List<String> args) throws Exception {
        String mode = args.isEmpty() ? "" : args.get(0);
        return switch (mode) {
            case "replay" -> replay(args);
            case "generate" -> generate(Arguments.parse(args.subList(1, args.size()), Set.of("--host", "--port",
                    "--user", "--secret", "--agents", "--calls-per-second", "--calls", "--seed", "--accounts",
                    "--speed", "--queue-log"),
                    Set.of("--once")));
            default -> throw new UsageException("sim needs a mode: 'replay FILE.jsonl' or 'generate'");
        };
    }

    private int replay(List<String> args) throws Exception {
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            throw new UsageException("sim replay needs the recording to play, e.g. sim replay answered.jsonl");
        }
        Path file = Path.of(args.get(1));
        Arguments a = Arguments.parse(args.subList(2, args.size()),
                Set.of("--speed", "--host", "--port", "--user", "--secret"), Set.of("--once"));
        double speed = positive("--speed", a.value("--speed").orElse("1"), 100_000);
        Recording recording = read(file);
        log.info("Replaying {} ({} messages) at {}x to each client that logs in", file, recording.stream().size(),
                speed);
        return serve(a, recording.banner(), vertx -> () -> new ReplayFeed(vertx, recording, speed),
                "the whole recording (" + recording.stream().size() + " messages)");
    }

    private int generate(Arguments a) throws Exception {
        double rate = positive("--calls-per-second", a.value("--calls-per-second").orElse("0.2"), 10_000);
        int calls = a.intValue("--calls", 0, 0, 100_000_000);
        double speed = positive("--speed", a.value("--speed").orElse("1"), 10_000);
        if (a.flag("--once") && calls == 0) {
            throw new UsageException("--once needs --calls N: without it the calls never end");
        }
        TrafficProfile profile = TrafficProfile.demo(a.intValue("--agents", 5, 1, 100_000), rate,
                a.intValue("--accounts", 300, 1, 10_000_000), a.intValue("--seed", 1, 0, Integer.MAX_VALUE));
        Optional<String> queueLog = a.value("--queue-log");
        if (queueLog.isPresent()) {
            return generateShared(a, profile, calls, speed, Path.of(queueLog.get()));
        }
        log.info("Generating calls for each client that logs in: {} agents, {} calls/s{}", profile.agents(), rate,
                calls == 0 ? "" : ", " + calls + " calls");
        return serve(a, GENERATOR_BANNER, vertx -> () -> new GeneratorFeed(vertx, profile, calls, speed),
                "all " + calls + " calls");
    }

    /** One call centre for every client, started now, writing its queue_log as Asterisk does. */
    private int generateShared(Arguments a, TrafficProfile profile, int calls, double speed, Path file)
            throws Exception {
        try (QueueLogFileWriter queueLog = openQueueLog(file)) {
            log.info("Generating calls now, one call centre for every client: {} agents, {} calls/s{}; queue_log in {}",
                    profile.agents(), profile.callsPerSecond(), calls == 0 ? "" : ", " + calls + " calls", file);
            return serve(a, GENERATOR_BANNER, vertx -> {
                SharedCallCentre centre = new SharedCallCentre(vertx, profile, calls, speed, queueLog);
                centre.start();
                return centre::feed;
            }, "all " + calls + " calls");
        }
    }

    private static QueueLogFileWriter openQueueLog(Path file) {
        try {
            return new QueueLogFileWriter(file);
        } catch (IOException e) {
            throw new UsageException("cannot write the queue_log " + file + ": " + e);
        }
    }

    /** Runs the simulator until interrupted, or with --once until a client heard everything. */
    private static int serve(Arguments a, String banner, Function<Vertx, Supplier<EventFeed>> feeds, String everything)
            throws Exception {
        boolean once = a.flag("--once");
        CountDownLatch done = new CountDownLatch(1);
        Vertx vertx = Vertx.vertx();
        try {
            AmiSimulator simulator = new AmiSimulator(vertx,
                    new SimCredentials(a.value("--user").orElse("switchboard"), a.value("--secret").orElse("switchboard")),
                    banner, feeds.apply(vertx), () -> {
                        log.info("A client heard {}", everything);
                        if (once) {
                            done.countDown();
                        }
                    });
            simulator.listen(a.value("--host").orElse("127.0.0.1"), a.intValue("--port", 5038, 0, 65535)).await();
            done.await();
            simulator.close().await();
        } finally {
            vertx.close().await();
        }
        return 0;
    }

    private static double positive(String option, String text, double max) {
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a number above 0 and at most " + (long) max + ", not '" + text + "'");
    }

    private static Recording read(Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read the recording " + file);
        }
        try {
            return Recording.read(file);
        } catch (IOException | RuntimeException e) {
            throw new UsageException(file + " is not an AMI recording (JSON lines with a banner first): " + e.getMessage());
        }
    }
}
