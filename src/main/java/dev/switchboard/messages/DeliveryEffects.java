package dev.switchboard.messages;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * What a delivered message changes elsewhere (a visit's "customer advised"), in the transaction
 * that marks it sent, and what to tell afterwards (that the case changed).
 */
public interface DeliveryEffects {

    DeliveryEffects NONE = new DeliveryEffects() {
        @Override
        public Future<Void> within(SqlClient client, OutgoingMessage message) {
            return Future.succeededFuture();
        }

        @Override
        public void committed(OutgoingMessage message) {
        }
    };

    Future<Void> within(SqlClient client, OutgoingMessage message);

    void committed(OutgoingMessage message);
}
