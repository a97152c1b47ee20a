package dev.switchboard.ivr;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.IvrConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A scan of the FastAGI port from the LAN: every stranger closed unread, counted, and one line in the log. */
class AllowListServerSocketTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AllowListServerSocket.class);

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void a_scan_of_the_port_is_refused_peer_by_peer_and_logged_once() throws Exception {
        List<Peer> strangers = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            strangers.add(new Peer("192.168.1." + i));
        }
        Peer asterisk = new Peer("127.0.0.1");
        Deque<Peer> arriving = new ArrayDeque<>(strangers);
        arriving.add(asterisk);
        Counter refused = Counter.builder("refused").register(new SimpleMeterRegistry());
        ServerSocketFacade socket = new AllowListServerSocket(new Arrivals(arriving),
                AgiAllowList.of(new IvrConfig("0.0.0.0", 4573), List.of()), refused);

        SocketConnectionFacade accepted = socket.accept();

        assertThat(accepted).as("the first allowed peer, after all the strangers").isSameAs(asterisk);
        assertThat(strangers).allSatisfy(p -> {
            assertThat(p.closed).as("%s closed", p.address).isTrue();
            assertThat(p.touched).as("%s never read from nor written to", p.address).isFalse();
        });
        assertThat(asterisk.closed).isFalse();
        assertThat(refused.count()).isEqualTo(50);
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("192.168.1.1 refused", "SWITCHBOARD_AGI_ALLOWED");
    }

    /** A listening socket whose peers arrive in the given order. */
    private record Arrivals(Deque<Peer> peers) implements ServerSocketFacade {
        @Override
        public SocketConnectionFacade accept() throws IOException {
            if (peers.isEmpty()) {
                throw new IOException("no more peers");
            }
            return peers.removeFirst();
        }

        @Override
        public void close() {
        }

        @Override
        public void setSocketReadTimeout(int timeout) {
        }
    }

    /** One connection, remembering whether anyone read from it, wrote to it or closed it. */
    private static final class Peer implements SocketConnectionFacade {
        final InetAddress address;
        boolean touched;
        boolean closed;

        Peer(String address) throws IOException {
            this.address = InetAddress.getByName(address);
        }

        @Override
        public String readLine() {
            touched = true;
            return null;
        }

        @Override
        public void write(String s) {
            touched = true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public InetAddress getLocalAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getLocalPort() {
            return 4573;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return address;
        }

        @Override
        public int getRemotePort() {
            return 40_000;
        }
    }
}
