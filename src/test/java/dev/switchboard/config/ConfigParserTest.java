package dev.switchboard.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ConfigParserTest {

    private static SwitchboardConfig parse(JsonObject file, Map<String, String> env) {
        return ConfigParser.parse(file, env, "switchboard.json");
    }

    @Test
    void with_nothing_configured_the_service_uses_the_embedded_database_and_the_simulator() {
        SwitchboardConfig config = parse(new JsonObject(), Map.of("PATH", "/usr/bin"));

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.demoMode()).isTrue();
        assertThat(config.demo().accounts()).isEqualTo(2000);
    }

    @Test
    void environment_variables_override_the_file() {
        JsonObject file = new JsonObject()
                .put("http", new JsonObject().put("port", 9000))
                .put("database", new JsonObject().put("url", "jdbc:mariadb://db:3306/sb").put("user", "fromfile"));

        SwitchboardConfig config = parse(file, Map.of("SWITCHBOARD_HTTP_PORT", "9100",
                "SWITCHBOARD_DB_PASSWORD", "s3cret"));

        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.database().url()).contains("jdbc:mariadb://db:3306/sb");
        assertThat(config.database().user()).isEqualTo("fromfile");
        assertThat(config.database().password()).isEqualTo("s3cret");
        assertThat(config.database().embedded()).isFalse();
    }

    @Test
    void a_misspelt_key_in_the_file_is_named_with_the_known_ones() {
        JsonObject file = new JsonObject().put("htpp", new JsonObject().put("port", 9000));

        assertThatThrownBy(() -> parse(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting 'htpp.port' in switchboard.json")
                .hasMessageContaining("http.port");
    }

    @Test
    void a_misspelt_environment_variable_is_refused_rather_than_ignored() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_HTTP_PROT", "9000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown environment variable SWITCHBOARD_HTTP_PROT")
                .hasMessageContaining("SWITCHBOARD_HTTP_PORT");
    }

    @Test
    void a_port_out_of_range_or_not_a_number_names_the_variable_and_the_range() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_HTTP_PORT", "99999")))
                .hasMessage("SWITCHBOARD_HTTP_PORT must be a TCP port from 1 to 65535, not '99999'");
        assertThatThrownBy(() -> parse(new JsonObject().put("http", new JsonObject().put("port", "eighty")), Map.of()))
                .hasMessage("'http.port' in switchboard.json must be a TCP port from 1 to 65535, not 'eighty'");
    }

    @Test
    void the_embedded_buffer_pool_is_mariadbs_default_unless_configured_within_bounds() {
        assertThat(parse(new JsonObject(), Map.of()).database().embeddedBufferPoolMb()).isEqualTo(128);
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_DB_EMBEDDED_BUFFER_POOL_MB", "2048"))
                .database().embeddedBufferPoolMb()).isEqualTo(2048);
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_DB_EMBEDDED_BUFFER_POOL_MB", "8")))
                .hasMessageContaining("SWITCHBOARD_DB_EMBEDDED_BUFFER_POOL_MB")
                .hasMessageContaining("16");
    }

    @Test
    void the_wallboard_flags_agents_after_default_limits_unless_a_state_is_given_its_own() {
        assertThat(parse(new JsonObject(), Map.of()).wallboard().stateLimitSeconds())
                .containsExactly(entry("ringing", 30), entry("onCall", 1200), entry("wrapUp", 120), entry("paused", 900));
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_WALLBOARD_STATE_LIMITS", "paused=60, ringing=0"))
                .wallboard().stateLimitSeconds())
                .containsExactly(entry("ringing", 0), entry("onCall", 1200), entry("wrapUp", 120), entry("paused", 60));
        assertThat(parse(new JsonObject().put("wallboard", new JsonObject().put("stateLimits", "wrapUp=30")), Map.of())
                .wallboard().stateLimitSeconds()).containsEntry("wrapUp", 30).containsEntry("paused", 900);
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_WALLBOARD_STATE_LIMITS", "lunch=600")))
                .hasMessage("SWITCHBOARD_WALLBOARD_STATE_LIMITS entries must look like state=S with state one of "
                        + "ringing, onCall, wrapUp, paused and S 0-86400 s, not 'lunch=600'");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_WALLBOARD_STATE_LIMITS", "paused=15m")))
                .hasMessageEndingWith("not 'paused=15m'");
    }

    @Test
    void a_database_url_that_is_not_jdbc_mariadb_is_refused() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_DB_URL", "mysql://db/sb")))
                .hasMessageContaining("SWITCHBOARD_DB_URL must be a MariaDB JDBC URL");
    }

    @Test
    void several_asterisk_servers_are_read_and_a_secret_may_contain_colons_and_at_signs() {
        SwitchboardConfig config = parse(new JsonObject(),
                Map.of("SWITCHBOARD_AMI", "cti:pa:ss@word@pbx1.example:5038, cti:x@10.0.0.2:5039"));

        assertThat(config.ami()).containsExactly(
                new AmiServerConfig("cti", "pa:ss@word", "pbx1.example", 5038),
                new AmiServerConfig("cti", "x", "10.0.0.2", 5039));
        assertThat(config.demoMode()).isFalse();
    }

    @Test
    void an_asterisk_login_without_a_port_is_refused() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:secret@pbx")))
                .hasMessageContaining("SWITCHBOARD_AMI entries must look like user:secret@host:port");
    }

    @Test
    void secrets_never_appear_when_the_configuration_is_printed() {
        SwitchboardConfig config = parse(new JsonObject(), Map.of(
                "SWITCHBOARD_DB_URL", "jdbc:mariadb://db:3306/sb",
                "SWITCHBOARD_DB_PASSWORD", "db-pass-123",
                "SWITCHBOARD_AMI", "cti:ami-secret-456@pbx:5038"));

        assertThat(config.toString()).doesNotContain("db-pass-123").doesNotContain("ami-secret-456")
                .contains("cti@pbx:5038");
    }

    @Test
    void a_password_inside_the_database_url_is_masked_too() {
        SwitchboardConfig config = parse(new JsonObject(), Map.of(
                "SWITCHBOARD_DB_URL", "jdbc:mariadb://db:3306/sb?user=sb&password=in-url-789&sslMode=disable"));

        assertThat(config.toString()).doesNotContain("in-url-789").contains("password=***&sslMode=disable");
    }

    @Test
    void demo_traffic_runs_without_an_asterisk_only_on_the_embedded_database_unless_asked_for() {
        String external = "jdbc:mariadb://db:3306/sb";
        assertThat(parse(new JsonObject(), Map.of()).demoMode()).as("embedded, no Asterisk").isTrue();
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_DB_URL", external)).demoMode())
                .as("an external database is a real call centre's").isFalse();
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_DB_URL", external, "SWITCHBOARD_DEMO", "true")).demoMode())
                .as("asked for").isTrue();
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_DEMO", "false")).demoMode()).isFalse();
        assertThat(parse(new JsonObject(), Map.of("SWITCHBOARD_DEMO", "true",
                "SWITCHBOARD_AMI", "cti:s@pbx:5038")).demoMode()).as("never beside a real Asterisk").isFalse();
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_DEMO", "sometimes")))
                .hasMessage("SWITCHBOARD_DEMO must be auto, true or false, not 'sometimes'");
    }

    @Test
    void secrets_can_come_from_files_named_by_the_variable_with_file_appended(@TempDir Path dir) throws Exception {
        Path dbPassword = Files.writeString(dir.resolve("db-password"), "from-a-file\n");
        Path ami = Files.writeString(dir.resolve("ami"), "cti:s3cret@pbx1:5038,cti:other@pbx2:5038\n");
        Path admin = Files.writeString(dir.resolve("admin"), "first-admin-password");

        SwitchboardConfig config = parse(new JsonObject(), Map.of("SWITCHBOARD_DB_URL", "jdbc:mariadb://db:3306/sb",
                "SWITCHBOARD_DB_PASSWORD_FILE", dbPassword.toString(), "SWITCHBOARD_AMI_FILE", ami.toString(),
                "SWITCHBOARD_ADMIN_PASSWORD_FILE", admin.toString()));

        assertThat(config.database().password()).isEqualTo("from-a-file");
        assertThat(config.ami()).containsExactly(new AmiServerConfig("cti", "s3cret", "pbx1", 5038),
                new AmiServerConfig("cti", "other", "pbx2", 5038));
        assertThat(config.auth().initialAdminPassword()).contains("first-admin-password");
        assertThat(config.toString()).doesNotContain("from-a-file").doesNotContain("s3cret")
                .doesNotContain("first-admin-password");
    }

    @Test
    void a_secret_file_that_is_missing_or_doubled_by_the_variable_itself_is_refused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_DB_PASSWORD_FILE",
                dir.resolve("nowhere").toString())))
                .hasMessage("SWITCHBOARD_DB_PASSWORD_FILE names " + dir.resolve("nowhere")
                        + ", which cannot be read (NoSuchFileException)");
        Path file = Files.writeString(dir.resolve("pw"), "x");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_DB_PASSWORD_FILE", file.toString(),
                "SWITCHBOARD_DB_PASSWORD", "y")))
                .hasMessage("set SWITCHBOARD_DB_PASSWORD or SWITCHBOARD_DB_PASSWORD_FILE, not both");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_HTTP_PORT_FILE", file.toString())))
                .as("only secrets are read from files").hasMessageStartingWith("unknown environment variable");
    }

    @Test
    void variables_a_platform_sets_for_a_service_named_switchboard_are_ignored() {
        SwitchboardConfig config = parse(new JsonObject(), Map.of(
                "SWITCHBOARD_SERVICE_HOST", "10.96.0.12",
                "SWITCHBOARD_SERVICE_PORT", "8080",
                "SWITCHBOARD_SERVICE_PORT_HTTP", "8080",
                "SWITCHBOARD_PORT", "tcp://10.96.0.12:8080",
                "SWITCHBOARD_PORT_8080_TCP", "tcp://10.96.0.12:8080",
                "SWITCHBOARD_PORT_8080_TCP_ADDR", "10.96.0.12",
                "SWITCHBOARD_PORT_8080_TCP_PORT", "8080",
                "SWITCHBOARD_PORT_8080_TCP_PROTO", "tcp"));

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void with_no_smtp_server_or_sms_gateway_messages_have_no_channel_and_survey_links_point_at_localhost() {
        MessagesConfig messages = parse(new JsonObject(), Map.of()).messages();

        assertThat(messages.smtp()).isEmpty();
        assertThat(messages.sms()).isEmpty();
        assertThat(messages.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(messages.maxAttempts()).isEqualTo(30);
    }

    @Test
    void smtp_and_sms_settings_are_read_and_their_secrets_stay_out_of_the_printed_configuration(@TempDir Path dir)
            throws Exception {
        Path token = Files.writeString(dir.resolve("sms-token"), "gateway-token-77\n");
        SwitchboardConfig config = parse(new JsonObject().put("messages", new JsonObject()
                .put("smtp", new JsonObject().put("host", "mail.example.com").put("user", "switchboard"))), Map.of(
                "SWITCHBOARD_SMTP_PASSWORD", "smtp-pass-99", "SWITCHBOARD_SMS_URL", "https://sms.example.net/send",
                "SWITCHBOARD_SMS_TOKEN_FILE", token.toString(), "SWITCHBOARD_PUBLIC_URL", "https://help.example.org/"));

        MessagesConfig.Smtp smtp = config.messages().smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("mail.example.com");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.startTls()).isTrue();
        assertThat(smtp.password()).contains("smtp-pass-99");
        assertThat(config.messages().sms().orElseThrow().token()).isEqualTo("gateway-token-77");
        assertThat(config.messages().publicUrl()).isEqualTo("https://help.example.org");
        assertThat(config.toString()).doesNotContain("smtp-pass-99").doesNotContain("gateway-token-77")
                .contains("mail.example.com");
    }

    @Test
    void an_sms_gateway_without_a_token_is_refused() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_SMS_URL", "https://sms.example.net")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_SMS_TOKEN is needed");
    }

    @Test
    void by_default_no_proxy_is_trusted_the_own_origin_is_allowed_http_is_plain_and_agi_takes_its_default_list() {
        SwitchboardConfig config = parse(new JsonObject(), Map.of());

        assertThat(config.http().trustedProxies()).isEmpty();
        assertThat(config.http().allowedOrigins()).isEmpty();
        assertThat(config.http().tls()).isEmpty();
        assertThat(config.ivr().allowed()).isEmpty();
        assertThat(config.callbacks().allowedNumbers()).isEmpty();
    }

    @Test
    void proxies_origins_agi_addresses_and_callback_numbers_are_read(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----");
        SwitchboardConfig config = parse(new JsonObject(), Map.of(
                "SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.2, 192.168.0.0/16",
                "SWITCHBOARD_ALLOWED_ORIGINS", "https://Help.Example.org/, http://10.0.0.5:8080",
                "SWITCHBOARD_TLS_CERT", cert.toString(), "SWITCHBOARD_TLS_KEY", key.toString(),
                "SWITCHBOARD_AGI_ALLOWED", "172.31.250.20,::1",
                "SWITCHBOARD_CALLBACK_NUMBERS", "^\\+441[0-9]{9}$,^\\+447[0-9]{9}$"));

        assertThat(config.http().trustedProxies()).hasSize(2);
        assertThat(config.http().trustedProxies().get(1).contains("192.168.44.5")).isTrue();
        assertThat(config.http().allowedOrigins()).containsExactly("https://help.example.org", "http://10.0.0.5:8080");
        assertThat(config.http().tls()).contains(new HttpConfig.Tls(cert, key));
        assertThat(config.ivr().allowed().orElseThrow()).extracting(Object::toString)
                .containsExactly("172.31.250.20", "::1");
        assertThat(config.callbacks().allowedNumbers().orElseThrow().get(1).matcher("+447700900123").matches())
                .isTrue();
    }

    @Test
    void a_host_name_in_an_address_list_a_path_in_an_origin_half_a_tls_pair_or_a_broken_pattern_is_refused() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AGI_ALLOWED", "asterisk.local")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_AGI_ALLOWED")
                .hasMessageContaining("asterisk.local");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.0/33")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> parse(new JsonObject(),
                Map.of("SWITCHBOARD_ALLOWED_ORIGINS", "https://help.example.org/wallboard")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_TLS_CERT", "/etc/ssl/cert.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_TLS_KEY is needed too");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_TLS_CERT", "/nonexistent/cert.pem",
                "SWITCHBOARD_TLS_KEY", "/nonexistent/key.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_CALLBACK_NUMBERS", "^\\+44(")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a regular expression");
    }

    @Test
    void a_queue_log_path_alone_is_the_only_asterisks_and_host_port_entries_name_each_of_several() {
        SwitchboardConfig one = parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038",
                "SWITCHBOARD_QUEUE_LOG", "/var/log/asterisk/queue_log"));
        assertThat(one.queueLog().files())
                .containsExactly(entry(QueueLogConfig.ONLY_ASTERISK, Path.of("/var/log/asterisk/queue_log")));
        assertThat(one.queueLog().fileOf("cti@pbx1:5038")).contains(Path.of("/var/log/asterisk/queue_log"));

        SwitchboardConfig two = parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038,cti:s@pbx2:5039",
                "SWITCHBOARD_QUEUE_LOG", "pbx1:5038=/a/queue_log, pbx2=/b/queue_log"));
        assertThat(two.queueLog().files()).containsOnly(entry("cti@pbx1:5038", Path.of("/a/queue_log")),
                entry("cti@pbx2:5039", Path.of("/b/queue_log")));
        assertThat(two.queueLog().poll()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(two.queueLog().settle()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(parse(new JsonObject(), Map.of()).queueLog().files()).isEmpty();
    }

    @Test
    void a_queue_log_of_an_unknown_or_ambiguous_host_a_relative_path_or_a_bare_path_among_several_is_refused() {
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038",
                "SWITCHBOARD_QUEUE_LOG", "pbx9=/a/queue_log")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_QUEUE_LOG")
                .hasMessageContaining("'pbx9' is not the host[:port] of an Asterisk in SWITCHBOARD_AMI");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038,cti:s@pbx1:5039",
                "SWITCHBOARD_QUEUE_LOG", "pbx1=/a/queue_log")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'pbx1' names 2 Asterisk servers; add the port");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038",
                "SWITCHBOARD_QUEUE_LOG", "logs/queue_log")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs an absolute path to queue_log, not 'logs/queue_log'");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038,cti:s@pbx2:5038",
                "SWITCHBOARD_QUEUE_LOG", "/var/log/asterisk/queue_log")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must name the Asterisk of each file (host[:port]=PATH) when there are several");
        assertThatThrownBy(() -> parse(new JsonObject(), Map.of("SWITCHBOARD_AMI", "cti:s@pbx1:5038",
                "SWITCHBOARD_QUEUE_LOG", "/var/log/asterisk/queue_log", "SWITCHBOARD_QUEUE_LOG_POLL_MS", "50")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_QUEUE_LOG_POLL_MS");
    }
}
