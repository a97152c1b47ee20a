package dev.switchboard.ivr;

import dev.switchboard.telephony.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The FastAGI server's listening socket, letting through only peers on the allow list. Asterisk-Java
 * hands every accepted connection to a script thread that reads the AGI request; a refused peer is
 * closed here, on the accepting thread, before a byte of it is read and without an answer.
 */
final class AllowListServerSocket implements ServerSocketFacade {

    private static final Logger log = LoggerFactory.getLogger(AllowListServerSocket.class);
    /** A scan of the port must not flood the log: one line a minute, with the count of the others. */
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final ServerSocketFacade socket;
    private final AgiAllowList allowed;
    private final Counter refused;
    private final RateLimitedLog refusals = new RateLimitedLog(log, LOG_INTERVAL_MILLIS);

    AllowListServerSocket(ServerSocketFacade socket, AgiAllowList allowed, Counter refused) {
        this.socket = socket;
        this.allowed = allowed;
        this.refused = refused;
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            SocketConnectionFacade peer = socket.accept();
            InetAddress address = peer.getRemoteAddress();
            if (allowed.allows(address)) {
                return peer;
            }
            refuse(peer, address);
        }
    }

    private void refuse(SocketConnectionFacade peer, InetAddress address) {
        refused.increment();
        refusals.warn("FastAGI connection from {} refused: not in the allowed addresses ({}); set "
                + "SWITCHBOARD_AGI_ALLOWED if this is an Asterisk server", address == null ? "?" : address.getHostAddress(),
                allowed);
        try {
            peer.close();
        } catch (IOException e) {
            log.debug("Closing a refused FastAGI connection: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public void setSocketReadTimeout(int timeout) {
        socket.setSocketReadTimeout(timeout);
    }
}
