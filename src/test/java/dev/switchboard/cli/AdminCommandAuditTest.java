package dev.switchboard.cli;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import dev.switchboard.web.auth.PasswordHasher;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code admin reset-password USER} leaves an entry in the admin audit: by "admin command", from "local", never the password. */
class AdminCommandAuditTest {

    @Test
    void a_password_reset_from_the_command_line_is_recorded_without_the_password(@TempDir Path dir) throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("cli_audit");
        Migrations.migrateBlocking(db);
        Sql.on(db).execute("INSERT INTO users (id, username, display_name, password_hash, role) VALUES "
                + "(7, 'admin', 'Administrator', '" + new PasswordHasher().hash("Lost-And-Forgotten-1") + "', 'admin')");
        Path config = Files.writeString(dir.resolve("switchboard.json"), new JsonObject()
                .put("dataDir", dir.resolve("data").toString())
                .put("database", new JsonObject().put("url", db.jdbcUrl()).put("user", db.user())
                        .put("password", db.password())).encode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = new AdminCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(List.of("reset-password", "admin", "--config", config.toString()));

        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        String password = printed.substring(printed.indexOf("): ") + 3).lines().findFirst().orElseThrow().trim();
        Map<String, String> entry = Sql.on(db).row("SELECT actor_user_id, actor_name, source_address, action, "
                + "subject_kind, subject_id, subject_name, before_json, after_json FROM admin_audit");
        assertThat(entry).containsEntry("actor_user_id", null).containsEntry("actor_name", "admin command")
                .containsEntry("source_address", "local").containsEntry("action", "user.password")
                .containsEntry("subject_kind", "user").containsEntry("subject_id", "7").containsEntry("subject_name", "admin");
        assertThat(new JsonObject(entry.get("after_json"))).isEqualTo(new JsonObject().put("password", "changed"));
        assertThat(password).hasSize(20);
        assertThat(entry.values().toString()).doesNotContain(password).doesNotContain("$2b$");
    }
}
