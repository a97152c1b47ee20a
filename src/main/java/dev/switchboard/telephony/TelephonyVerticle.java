package dev.switchboard.telephony;

import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.health.HealthDetail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.asteriskjava.manager.action.ManagerAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Owns the AMI connections, one {@link AmiLink} per configured Asterisk, and hands every event
 * to the {@link TelephonyListener}s on this verticle's context, in order. Start-up does not
 * wait for Asterisk: a PBX that is down is retried in the background and shows on /health as a
 * degraded state (the UI and the cases API still serve).
 */
public final class TelephonyVerticle extends VerticleBase implements HealthDetail {

    private static final Logger log = LoggerFactory.getLogger(TelephonyVerticle.class);

    private final List<AmiServerConfig> servers;
    private final LinkTimings timings;
    private final MeterRegistry registry;
    private final List<TelephonyListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AmiLink> links = new CopyOnWriteArrayList<>();
    private final Counter listenerFailures;

    public TelephonyVerticle(List<AmiServerConfig> servers, LinkTimings timings, MeterRegistry registry) {
        this.servers = List.copyOf(servers);
        this.timings = timings;
        this.registry = registry;
        this.listenerFailures = Counter.builder("switchboard.telephony.listener.failures")
                .description("Telephony events a part of Switchboard failed on (a bug: the log has the details)")
                .register(registry);
    }

    /** Adds a listener; call before deploying so it sees the first events. */
    public TelephonyVerticle listen(TelephonyListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Connects to every Asterisk; completes once each has logged in or failed its first attempt,
     * so a reachable PBX is followed before the service says it is up, and one that is down does
     * not hold the service back (it is retried in the background).
     */
    @Override
    public Future<?> start() {
        log.info("Following {} Asterisk server(s): {}", servers.size(),
                servers.stream().map(AmiServerConfig::label).collect(Collectors.joining(", ")));
        List<Future<Void>> firstAttempts = new ArrayList<>();
        for (AmiServerConfig server : servers) {
            AmiLink link = new AmiLink(vertx, context, server, timings, this::dispatch,
                    new AmiMetrics(registry, server.label()));
            links.add(link);
            Gauge.builder("switchboard.ami.link.up", link, l -> l.state() == LinkState.UP ? 1 : 0)
                    .tag("server", server.label())
                    .description("1 while the AMI connection is logged in and resynchronised, else 0")
                    .register(registry);
            firstAttempts.add(link.start());
        }
        vertx.eventBus().<JsonObject>consumer(TelephonyAddresses.ORIGINATE, message -> {
            OriginateRequest request = OriginateRequest.fromJson(message.body());
            sendToConnected(request.action()).onSuccess(v -> message.reply("queued"))
                    .onFailure(e -> message.fail(503, e.getMessage()));
        });
        vertx.eventBus().<JsonObject>consumer(TelephonyAddresses.QUEUE_PAUSE, message ->
                sendToConnected(QueuePauseRequest.fromJson(message.body()).action())
                        .onSuccess(v -> message.reply("done"))
                        .onFailure(e -> message.fail(503, e.getMessage())));
        return Future.join(firstAttempts);
    }

    /** Sends an action to the first Asterisk that is connected. */
    private Future<Void> sendToConnected(ManagerAction action) {
        return links.stream().filter(link -> link.state() == LinkState.UP).findFirst()
                .map(link -> link.send(action).<Void>mapEmpty())
                .orElseGet(() -> Future.failedFuture(new IllegalStateException("no Asterisk is connected")));
    }

    @Override
    public Future<?> stop() {
        return Future.join(links.stream().map(AmiLink::stop).toList())
                .compose(v -> Future.join(listeners.stream().map(TelephonyListener::drain).toList()));
    }

    /**
     * Completes, on this verticle's context, once every event each Asterisk sent before the call
     * has reached the listeners.
     */
    public Future<Void> settle() {
        return Future.all(links.stream().map(AmiLink::roundTrip).toList()).mapEmpty();
    }

    private void dispatch(TelephonyEvent event) {
        for (TelephonyListener listener : listeners) {
            try {
                listener.onTelephonyEvent(event);
            } catch (RuntimeException e) {
                listenerFailures.increment();
                log.error("Listener {} failed on {}: {}", listener, event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    /** Each AMI link's state and history, in the order configured. */
    public List<AmiLinkStatus> linkStatuses() {
        return links.stream().map(AmiLink::status).toList();
    }

    @Override
    public String name() {
        return "asterisk";
    }

    /** Each link's state and history, as /health shows it. */
    @Override
    public JsonObject state() {
        JsonArray all = new JsonArray();
        linkStatuses().forEach(link -> all.add(new JsonObject().put("server", link.server())
                .put("state", link.state().name()).put("detail", link.detail()).put("reconnects", link.reconnects())
                .put("latePings", link.latePings()).put("lastLoss", link.lastLoss())));
        return new JsonObject().put("links", all);
    }

    /** Every connection that is not logged in and resynchronised, with why. */
    @Override
    public List<String> degradations() {
        return linkStatuses().stream()
                .filter(link -> link.state() != LinkState.UP)
                .map(link -> "asterisk " + link.server() + " is " + link.state() + " (" + link.detail() + ")")
                .toList();
    }
}
