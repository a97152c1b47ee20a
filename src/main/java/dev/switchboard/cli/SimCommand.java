package dev.switchboard.cli;

import dev.switchboard.sim.AmiSimulator;
import dev.switchboard.sim.Recording;
import dev.switchboard.sim.ReplayFeed;
import dev.switchboard.sim.SimCredentials;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code sim replay}: a simulated Asterisk that replays a recorded AMI session to each client. */
public final class SimCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(SimCommand.class);

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String summary() {
        return "simulated Asterisk: an AMI server replaying a recording (sim replay FILE.jsonl)";
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
                """;
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("replay")) {
            throw new UsageException("the only sim mode is 'replay FILE.jsonl'");
        }
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            throw new UsageException("sim replay needs the recording to play, e.g. sim replay answered.jsonl");
        }
        Path file = Path.of(args.get(1));
        Arguments a = Arguments.parse(args.subList(2, args.size()),
                Set.of("--speed", "--host", "--port", "--user", "--secret"), Set.of("--once"));
        double speed = speed(a.value("--speed").orElse("1"));
        Recording recording = read(file);
        boolean once = a.flag("--once");
        CountDownLatch done = new CountDownLatch(1);
        Vertx vertx = Vertx.vertx();
        try {
            AmiSimulator simulator = new AmiSimulator(vertx,
                    new SimCredentials(a.value("--user").orElse("switchboard"), a.value("--secret").orElse("switchboard")),
                    recording.banner(), () -> new ReplayFeed(vertx, recording, speed), () -> {
                        log.info("A client heard the whole recording ({} messages)", recording.stream().size());
                        if (once) {
                            done.countDown();
                        }
                    });
            simulator.listen(a.value("--host").orElse("127.0.0.1"), a.intValue("--port", 5038, 0, 65535)).await();
            log.info("Replaying {} ({} messages) at {}x to each client that logs in", file, recording.stream().size(), speed);
            done.await();
            simulator.close().await();
        } finally {
            vertx.close().await();
        }
        return 0;
    }

    private static double speed(String text) {
        try {
            double speed = Double.parseDouble(text);
            if (speed > 0 && speed <= 100_000) {
                return speed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--speed must be a number above 0, not '" + text + "'");
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
