package dev.switchboard.messages;

import dev.switchboard.config.MessagesConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.client.WebClient;

/**
 * SMS through an HTTP gateway: {@code POST} JSON {@code {to, from, text, id}} with a bearer token;
 * {@code id} and the {@code Idempotency-Key} header are the message's key, the same on every try.
 */
final class SmsChannel implements Channel {

    private final WebClient client;
    private final MessagesConfig.SmsGateway gateway;

    SmsChannel(Vertx vertx, MessagesConfig.SmsGateway gateway) {
        this.client = WebClient.create(vertx);
        this.gateway = gateway;
    }

    @Override
    public Future<Void> send(OutgoingMessage message) {
        JsonObject sms = new JsonObject().put("to", message.recipient()).put("from", gateway.senderId())
                .put("text", message.subject() + ". " + message.body().replace("\n", " ").trim())
                .put("id", message.key());
        return client.postAbs(gateway.url()).authentication(new TokenCredentials(gateway.token()))
                .putHeader("Idempotency-Key", message.key()).sendJsonObject(sms).compose(response ->
                        response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                                : Future.failedFuture("the SMS gateway answered " + response.statusCode()));
    }

    void close() {
        client.close();
    }
}
