package dev.switchboard.store;

import dev.switchboard.store.Transactions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.TransactionRollbackException;

import java.util.function.Function;

/**
 * Runs work in one transaction and hands the connection back to the pool in autocommit mode.
 * Vert.x's JDBC client 5.0.x leaves a pooled connection with autocommit off after
 * {@code Pool.withTransaction} (vertx-jdbc-client issue 356): every later statement on that
 * connection outside a transaction would then sit in an implicit transaction nobody commits —
 * writes invisible to others, reads frozen on an old snapshot. Use this instead of
 * {@code withTransaction}.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> Future<T> within(Pool pool, Function<SqlConnection, Future<T>> work) {
        return pool.withConnection(connection -> connection.begin()
                .compose(tx -> work.apply(connection).compose(
                        result -> tx.commit().map(result),
                        failure -> failure instanceof TransactionRollbackException ? Future.<T>failedFuture(failure)
                                : tx.rollback().transform(ignored -> Future.<T>failedFuture(failure))))
                .transform(outcome -> connection.query("SET autocommit = 1").execute()
                        .transform(reset -> outcome.succeeded() ? Future.succeededFuture(outcome.result())
                                : Future.<T>failedFuture(outcome.cause()))));
    }
}
