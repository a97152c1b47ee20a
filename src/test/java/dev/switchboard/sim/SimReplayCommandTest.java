package dev.switchboard.sim;

import dev.switchboard.cli.SimCommand;
import dev.switchboard.cli.UsageException;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.Recordings;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimReplayCommandTest {

    @Test
    void sim_replay_once_serves_one_client_the_whole_recording_and_then_exits() throws Exception {
        int port = Ports.free();
        String file = Recordings.file("ring-no-answer").toString();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return new SimCommand().run(List.of("replay", file, "--port", String.valueOf(port),
                        "--speed", "100", "--user", "cti", "--secret", "pw", "--once"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Ports.awaitListening(port, Duration.ofSeconds(20));

        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "cti", "pw")
                .createManagerConnection();
        CountDownLatch completed = new CountDownLatch(1);
        connection.addEventListener(event -> {
            if (event instanceof AgentCompleteEvent) {
                completed.countDown();
            }
        });
        connection.login();

        assertThat(completed.await(20, TimeUnit.SECONDS)).as("the call completed").isTrue();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        stopReconnecting(connection);
    }

    @Test
    void sim_generate_once_makes_the_calls_it_was_asked_for_and_then_exits() throws Exception {
        int port = Ports.free();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return new SimCommand().run(List.of("generate", "--port", String.valueOf(port), "--calls", "3",
                        "--calls-per-second", "2", "--agents", "10", "--speed", "100", "--once"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Ports.awaitListening(port, Duration.ofSeconds(20));

        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "switchboard", "switchboard")
                .createManagerConnection();
        CountDownLatch joined = new CountDownLatch(3);
        connection.addEventListener(event -> {
            if (event instanceof QueueCallerJoinEvent) {
                joined.countDown();
            }
        });
        connection.login();

        assertThat(joined.await(30, TimeUnit.SECONDS)).as("three callers joined a queue").isTrue();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        stopReconnecting(connection);
    }

    @Test
    void sim_generate_with_a_queue_log_writes_it_for_the_calls_its_clients_hear(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        Path file = dir.resolve("queue_log");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return new SimCommand().run(List.of("generate", "--port", String.valueOf(port), "--calls", "6",
                        "--calls-per-second", "2", "--agents", "10", "--speed", "100", "--queue-log", file.toString(),
                        "--once"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Ports.awaitListening(port, Duration.ofSeconds(20));

        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "switchboard", "switchboard")
                .createManagerConnection();
        Set<String> joined = ConcurrentHashMap.newKeySet();
        connection.addEventListener(event -> {
            if (event instanceof QueueCallerJoinEvent join) {
                joined.add(join.getUniqueId());
            }
        });
        connection.login();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        stopReconnecting(connection);
        assertThat(Files.readAllLines(file).get(0)).endsWith("|NONE|NONE|NONE|QUEUESTART|");
        Map<String, List<QueueLog.Leg>> calls = QueueLog.read(file).legsByCall();
        assertThat(calls).hasSize(6);
        assertThat(calls.values()).allSatisfy(legs -> assertThat(legs).allMatch(leg -> leg.outcome != null));
        assertThat(calls.keySet()).as("the callers the client heard join a queue").containsAll(joined);
    }

    @Test
    void a_queue_log_that_cannot_be_written_is_a_usage_error_that_names_the_file(@TempDir Path dir) {
        Path file = dir.resolve("no-such-directory").resolve("queue_log");
        assertThatThrownBy(() -> new SimCommand().run(List.of("generate", "--port", "0", "--queue-log",
                file.toString())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void sim_generate_once_without_a_number_of_calls_is_a_usage_error() {
        assertThatThrownBy(() -> new SimCommand().run(List.of("generate", "--once")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--calls");
    }

    /** The simulator has gone: without a logoff Asterisk-Java would keep trying to reconnect to it. */
    private static void stopReconnecting(ManagerConnection connection) {
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            connection.logoff();
        }
    }

    @Test
    void a_missing_recording_is_a_usage_error_that_names_the_file() {
        assertThatThrownBy(() -> new SimCommand().run(List.of("replay", "no-such.jsonl")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no-such.jsonl");
    }
}
