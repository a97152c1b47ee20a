package dev.switchboard.sim;

import java.util.List;
import java.util.function.Consumer;

/**
 * A feed that shows each message to {@code tap} just before it goes onto the connection, and is
 * otherwise the feed it wraps: what tests and the benchmark use to note what was sent, and when.
 */
public final class TappedFeed implements EventFeed {

    private final EventFeed inner;
    private final Consumer<AmiMessage> tap;

    public TappedFeed(EventFeed inner, Consumer<AmiMessage> tap) {
        this.inner = inner;
        this.tap = tap;
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished) {
        inner.start(tapped(out), finished);
    }

    @Override
    public void start(Consumer<AmiMessage> out, Runnable finished, Connection connection) {
        inner.start(tapped(out), finished, connection);
    }

    private Consumer<AmiMessage> tapped(Consumer<AmiMessage> out) {
        return message -> {
            tap.accept(message);
            out.accept(message);
        };
    }

    @Override
    public void stop() {
        inner.stop();
    }

    @Override
    public List<AmiMessage> snapshot(String action) {
        return inner.snapshot(action);
    }
}
