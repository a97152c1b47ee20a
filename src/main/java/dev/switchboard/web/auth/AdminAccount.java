package dev.switchboard.web.auth;

import dev.switchboard.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Makes sure someone can log in: on a database without an admin, creates user {@code admin}
 * with SWITCHBOARD_ADMIN_PASSWORD, or with a random password printed once on standard output
 * (never to the log).
 */
public final class AdminAccount {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminAccount() {
    }

    public static Future<Void> ensure(Vertx vertx, Pool pool, AuthConfig config, PasswordHasher hasher,
                                      PrintStream console) {
        return SqlTemplate.forQuery(pool, AuthSql.COUNT_ADMINS).execute(Map.of()).compose(rows -> {
            if (rows.iterator().next().getLong("n") > 0) {
                return Future.succeededFuture();
            }
            String password = config.initialAdminPassword().orElseGet(AdminAccount::randomPassword);
            return vertx.executeBlocking(() -> hasher.hash(password), false)
                    .compose(hash -> SqlTemplate.forUpdate(pool, AuthSql.INSERT_USER).execute(Map.of(
                            "username", "admin", "displayName", "Administrator", "passwordHash", hash,
                            "role", "admin")))
                    .onSuccess(v -> {
                        if (config.initialAdminPassword().isPresent()) {
                            log.info("Created user 'admin' with the password from SWITCHBOARD_ADMIN_PASSWORD");
                            // only a warning: refusing it would leave nobody who can log in
                            PasswordPolicy.bundled().refusal("admin", password).ifPresent(why -> log.warn(
                                    "The password from SWITCHBOARD_ADMIN_PASSWORD {}: change it after logging in "
                                            + "(Change password on any page)", why));
                        } else {
                            log.info("Created user 'admin' with a random password, printed once on standard output");
                            console.println("Initial password of user 'admin' (shown only now): " + password);
                        }
                    })
                    .mapEmpty();
        });
    }

    /** 20 characters from an alphabet without look-alikes (0/O, 1/l/I): about 116 bits. */
    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
