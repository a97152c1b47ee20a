package dev.switchboard.messages;

import dev.switchboard.config.MessagesConfig;
import dev.switchboard.health.HealthDetail;
import dev.switchboard.store.Transactions;
import dev.switchboard.store.UtcTimes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers the outbox: every few seconds, and at once when new messages are written, it claims
 * each due message ('sending', with a lease), hands it to its channel, and marks it 'sent' — with
 * its effects — or due again after a pause that doubles up to a cap, or 'failed' after the last
 * try. A message whose channel is not configured stays queued. A crash after the server took a
 * message but before it was marked sent sends it again once the lease runs out: the one window
 * where a customer may get a message twice (with the same Message-ID / idempotency key).
 */
public final class MessageSender extends VerticleBase implements HealthDetail {

    private static final Logger log = LoggerFactory.getLogger(MessageSender.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    /** Longer than any send may take (the mail client and web client time out well before). */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Pool pool;
    private final MessagesConfig config;
    private final DeliveryEffects effects;
    private final Clock clock;
    private final RetryDelay retryDelay;
    private final Map<Channel.Kind, Channel> channels = new EnumMap<>(Channel.Kind.class);
    private boolean working;
    private boolean wokenWhileWorking;

    public MessageSender(Pool pool, MessagesConfig config, DeliveryEffects effects, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.effects = effects;
        this.clock = clock;
        this.retryDelay = new RetryDelay(config.firstRetry(), config.maxRetry());
    }

    @Override
    public Future<?> start() {
        config.smtp().ifPresent(smtp -> channels.put(Channel.Kind.EMAIL, new MailChannel(vertx, smtp)));
        config.sms().ifPresent(sms -> channels.put(Channel.Kind.SMS, new SmsChannel(vertx, sms)));
        degradations().forEach(log::warn);
        vertx.eventBus().localConsumer(MessagesAddresses.WRITTEN, m -> work());
        vertx.setPeriodic(POLL.toMillis(), id -> work());
        work();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        channels.values().forEach(c -> {
            if (c instanceof MailChannel mail) {
                mail.close();
            } else if (c instanceof SmsChannel sms) {
                sms.close();
            }
        });
        return Future.succeededFuture();
    }

    private void work() {
        if (working) {
            wokenWhileWorking = true;
            return;
        }
        if (channels.isEmpty()) {
            return;
        }
        working = true;
        wokenWhileWorking = false;
        dueIds().compose(this::deliverEach)
                .onFailure(e -> log.warn("Customer messages not delivered this round: {}", e.getMessage()))
                .onComplete(v -> {
                    working = false;
                    if (wokenWhileWorking) {
                        work();
                    }
                });
    }

    private Map<String, Object> dueParameters() {
        Map<String, Object> p = new HashMap<>();
        p.put("now", UtcTimes.column(clock.instant()));
        p.put("email", channels.containsKey(Channel.Kind.EMAIL));
        p.put("sms", channels.containsKey(Channel.Kind.SMS));
        return p;
    }

    private Future<List<Long>> dueIds() {
        return SqlTemplate.forQuery(pool, OutboxSql.DUE_IDS).execute(dueParameters()).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong("id")));
            return ids;
        });
    }

    private Future<Void> deliverEach(List<Long> ids) {
        Future<Void> chain = Future.succeededFuture();
        for (long id : ids) {
            chain = chain.compose(v -> claim(id)).compose(claimed -> claimed == null ? Future.succeededFuture()
                    : deliver(claimed));
        }
        return chain;
    }

    /** The message if this sender got it; null if it was no longer due (taken, or sent meanwhile). */
    private Future<OutgoingMessage> claim(long id) {
        Map<String, Object> p = dueParameters();
        p.put("id", id);
        p.put("lease", UtcTimes.column(clock.instant().plus(LEASE)));
        return SqlTemplate.forUpdate(pool, OutboxSql.CLAIM).execute(p).compose(result -> result.rowCount() == 0
                ? Future.succeededFuture()
                : SqlTemplate.forQuery(pool, OutboxSql.MESSAGE).execute(Map.of("id", id))
                .map(rows -> message(rows.iterator().next())));
    }

    private Future<Void> deliver(OutgoingMessage message) {
        Channel channel = channels.get(Channel.Kind.of(message.channel()));
        return channel.send(message).transform(sent -> sent.succeeded() ? markSent(message)
                : markUnsent(message, sent.cause()));
    }

    private Future<Void> markSent(OutgoingMessage message) {
        Map<String, Object> p = Map.of("id", message.id(), "now", UtcTimes.column(clock.instant()));
        return Transactions.within(pool, client -> SqlTemplate.forUpdate(client, OutboxSql.SENT).execute(p)
                        .compose(v -> effects.within(client, message)))
                .onSuccess(v -> {
                    log.info("Customer message {} ({}, case {}) sent by {}", message.id(), message.kind(),
                            message.caseId(), message.channel());
                    effects.committed(message);
                });
    }

    private Future<Void> markUnsent(OutgoingMessage message, Throwable cause) {
        boolean lastTry = message.attempts() >= config.maxAttempts();
        Duration pause = retryDelay.after(message.attempts());
        String error = String.valueOf(cause.getMessage());
        Map<String, Object> p = new HashMap<>();
        p.put("id", message.id());
        p.put("status", lastTry ? "failed" : "queued");
        p.put("next", UtcTimes.column(clock.instant().plus(pause)));
        p.put("error", error.length() > 500 ? error.substring(0, 500) : error);
        if (lastTry) {
            log.warn("Customer message {} (case {}) failed after {} tries: {}", message.id(), message.caseId(),
                    message.attempts(), error);
        } else {
            log.info("Customer message {} (case {}) not sent by {} (try {}): {}; next try in {} s", message.id(),
                    message.caseId(), message.channel(), message.attempts(), error, pause.toSeconds());
        }
        return SqlTemplate.forUpdate(pool, OutboxSql.RETRY).execute(p).mapEmpty();
    }

    private static OutgoingMessage message(Row r) {
        return new OutgoingMessage(r.getLong("id"), r.getString("message_key"), r.getLong("case_id"),
                r.getLong("visit_id"), r.getString("kind"), r.getString("channel"), r.getString("recipient"),
                r.getString("subject"), r.getString("body"), r.getString("calendar"), r.getInteger("attempts"));
    }

    @Override
    public String name() {
        return "customerMessages";
    }

    @Override
    public JsonObject state() {
        return new JsonObject().put("email", config.smtp().isPresent() ? "configured" : "not configured")
                .put("sms", config.sms().isPresent() ? "configured" : "not configured");
    }

    @Override
    public List<String> degradations() {
        List<String> out = new ArrayList<>();
        if (config.smtp().isEmpty()) {
            out.add("no SMTP server configured (SWITCHBOARD_SMTP_HOST): e-mail to customers stays queued");
        }
        if (config.sms().isEmpty()) {
            out.add("no SMS gateway configured (SWITCHBOARD_SMS_URL): SMS to customers stays queued");
        }
        return out;
    }
}
