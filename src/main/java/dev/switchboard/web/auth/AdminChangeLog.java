package dev.switchboard.web.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Where admins' changes are written down: on the connection of the transaction that makes the
 * change, so the record and the change are committed together or not at all.
 */
@FunctionalInterface
public interface AdminChangeLog {

    Future<Void> record(SqlClient transaction, AdminChange change);
}
