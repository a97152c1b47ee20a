package dev.switchboard.sim;

import dev.switchboard.testing.Recordings;
import io.vertx.core.Vertx;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator speaks AMI well enough for the real Asterisk-Java connection, over real TCP. */
class ReplaySimulatorTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<ManagerConnection> connections = new ArrayList<>();
    private Recording answered;
    private int port;

    @BeforeEach
    void replayTheAnsweredCallFiftyTimesFaster() throws Exception {
        answered = Recording.read(Recordings.file("answered"));
        AmiSimulator simulator = new AmiSimulator(vertx, new SimCredentials("switchboard", "s3cret"),
                answered.banner(), () -> new ReplayFeed(vertx, answered, 50), () -> { });
        port = simulator.listen("127.0.0.1", 0).await();
    }

    @AfterEach
    void closeEverything() {
        connections.stream().filter(c -> c.getState() == ManagerConnectionState.CONNECTED)
                .forEach(ManagerConnection::logoff);
        vertx.close().await();
    }

    private ManagerConnection connect(String secret) {
        ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", port, "switchboard", secret)
                .createManagerConnection();
        connections.add(c);
        return c;
    }

    @Test
    void asterisk_java_logs_in_with_md5_and_hears_the_call_from_queue_join_to_completion() throws Exception {
        ManagerConnection connection = connect("s3cret");
        BlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();
        connection.addEventListener(events::add);

        connection.login();

        List<ManagerEvent> heard = new ArrayList<>();
        ManagerEvent event;
        while ((event = events.poll(10, TimeUnit.SECONDS)) != null) {
            heard.add(event);
            if (event instanceof AgentCompleteEvent) {
                break;
            }
        }
        QueueCallerJoinEvent join = only(heard, QueueCallerJoinEvent.class);
        AgentConnectEvent connect = only(heard, AgentConnectEvent.class);
        AgentCompleteEvent complete = only(heard, AgentCompleteEvent.class);
        List<VarSetEvent> accountSet = heard.stream().filter(VarSetEvent.class::isInstance).map(VarSetEvent.class::cast)
                .filter(v -> v.getVariable().endsWith("CC_ACCOUNT")).toList();
        assertThat(join.getQueue()).isEqualTo("support");
        assertThat(join.getCallerIdNum()).isEqualTo("+14155550101");
        assertThat(connect.getMemberName()).isEqualTo("Alice");
        assertThat(connect.getHoldTime()).isEqualTo(2L);
        assertThat(complete.getTalkTime()).isEqualTo(14L);
        assertThat(accountSet).extracting(VarSetEvent::getValue).contains("10042");
        assertThat(heard.indexOf(join)).isLessThan(heard.indexOf(connect));
    }

    @Test
    void queue_status_answers_with_the_queues_and_members_as_they_stood() throws Exception {
        ManagerConnection connection = connect("s3cret");
        connection.login("off");

        ResponseEvents status = connection.sendEventGeneratingAction(new QueueStatusAction(), 5000);

        assertThat(status.getResponse().getResponse()).isEqualTo("Success");
        assertThat(status.getEvents()).filteredOn(QueueParamsEvent.class::isInstance)
                .extracting(e -> ((QueueParamsEvent) e).getQueue()).containsExactlyInAnyOrder("billing", "support");
        assertThat(status.getEvents()).filteredOn(QueueMemberEvent.class::isInstance).hasSize(6);
    }

    @Test
    void a_wrong_secret_is_refused_as_asterisk_refuses_it() {
        ManagerConnection connection = connect("guess");

        assertThatThrownBy(connection::login).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void before_login_every_action_is_denied_and_a_plain_secret_login_works() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("Asterisk Call Manager/");

            out.write("action: ping\r\nactionid: 1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readMessage(in)).contains("Response: Error", "Message: Permission denied", "ActionID: 1");

            out.write("Action: Login\r\nUsername: switchboard\r\nSecret: s3cret\r\nEvents: off\r\nActionID: 2\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(readMessage(in)).contains("Response: Success", "Message: Authentication accepted");

            out.write("Action: Ping\r\nActionID: 3\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readMessage(in)).contains("Response: Success", "Ping: Pong", "ActionID: 3");
        }
    }

    private static List<String> readMessage(BufferedReader in) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static <T> T only(List<ManagerEvent> events, Class<T> type) {
        List<T> matching = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }
}
