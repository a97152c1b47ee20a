package dev.switchboard.sim;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traffic held back until the test says go. A client that logs in again after the gate opened
 * (Switchboard reconnecting, say) must hear events, not silence: the benchmark once waited ten
 * minutes for a reconnected client that the gate had already let through once.
 */
class FeedGateTest {

    private static final String USER = "gate";
    private static final String SECRET = "gate-secret";

    private final Vertx vertx = Vertx.vertx();
    private final GeneratedStream stream = GeneratedStream.of(TrafficProfile.demo(5, 0.4, 100, 3), 10);
    private final FeedGate gate = new FeedGate(() -> new StreamFeed(stream));
    private int port;

    @BeforeEach
    void listen() {
        AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials(USER, SECRET), "Asterisk Call Manager/11.0.0",
                gate::feed, () -> { });
        port = simulator.listen("127.0.0.1", 0).await();
    }

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void a_client_that_logs_in_before_the_gate_opens_hears_every_event_once_it_opens() throws Exception {
        try (Client early = Client.logIn(port)) {
            gate.open();
            assertThat(early.eventsUntilTheEnd()).isEqualTo(stream.events().size());
        }
    }

    @Test
    void a_client_that_logs_in_again_after_the_gate_opened_hears_the_events_too() throws Exception {
        try (Client first = Client.logIn(port)) {
            gate.open();
            first.readLine(); // the first event: the stream is flowing, and the client goes away now
        }

        try (Client second = Client.logIn(port)) {
            assertThat(second.eventsUntilTheEnd()).isEqualTo(stream.events().size());
        }
    }

    /** A bare AMI client over TCP; a read that waits 10 s for a line fails the test. */
    private record Client(Socket socket, BufferedReader in) implements AutoCloseable {

        static Client logIn(int port) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            Client client = new Client(socket, in);
            client.readLine(); // banner
            OutputStream out = socket.getOutputStream();
            out.write(("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(client.readLine()).isEqualTo("Response: Success");
            while (!client.readLine().isEmpty()) {
                // the rest of the login response
            }
            return client;
        }

        String readLine() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the simulator closed the connection");
            }
            return line;
        }

        /** Counts the events up to the stream's end marker. */
        int eventsUntilTheEnd() throws IOException {
            int events = 0;
            String line;
            while (!(line = readLine()).equals("Status: " + StreamFeed.END_STATUS)) {
                if (line.startsWith("Event: ")) {
                    events++;
                }
            }
            return events - 1; // the end marker's own Event line
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
