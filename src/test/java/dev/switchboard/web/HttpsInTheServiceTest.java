package dev.switchboard.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.HttpConfig;
import dev.switchboard.testing.Ports;
import dev.switchboard.testing.ReadyCheck;
import dev.switchboard.testing.ScriptedFeed;
import dev.switchboard.testing.ServiceRig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * HTTPS in the service itself, over real TLS connections on loopback: the pages and the API with
 * HSTS and the security headers; a renewed certificate written over the files is served to the
 * next connection without a restart; a broken replacement is refused with a warning while the old
 * certificate keeps serving; the wallboard's WebSocket over TLS; and a service given a broken
 * certificate or key does not start, saying which setting to fix.
 */
class HttpsInTheServiceTest {

    @TempDir
    static Path dir;

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static Path certFile;
    private static Path keyFile;
    private static ServiceRig rig;
    private static WebClient https;
    /** The pair now in the files. */
    private static SelfSignedCertificate current;

    @BeforeAll
    static void start() throws IOException {
        certFile = dir.resolve("fullchain.pem");
        keyFile = dir.resolve("privkey.pem");
        current = SelfSignedCertificate.create("first.switchboard.test");
        write(current);
        LOG.start();
        ((Logger) LoggerFactory.getLogger(CertificateReloader.class)).addAppender(LOG);
        rig = new ServiceRig("https", "Asterisk Call Manager/11.0.0", vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()),
                Map.of("SWITCHBOARD_TLS_CERT", certFile.toString(), "SWITCHBOARD_TLS_KEY", keyFile.toString()));
        https = WebClient.create(rig.vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(CertificateReloader.class)).detachAppender(LOG);
        rig.close();
    }

    private static void write(SelfSignedCertificate pair) throws IOException {
        Files.copy(Path.of(pair.certificatePath()), certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(pair.privateKeyPath()), keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpResponse<Buffer> get(String path) {
        return https.get(rig.port, "127.0.0.1", path).send().await();
    }

    /** The certificate a new TLS connection is shown, by a client that trusts any. */
    private static String servedTo() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{new TrustingAnyone()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", rig.port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    @Test
    void pages_and_api_answers_over_https_carry_hsts_and_the_security_headers() {
        for (HttpResponse<Buffer> response : List.of(get("/"), get("/health"), get("/api/me"), get("/no-such-page"))) {
            assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(get("/").bodyAsString()).contains("id=\"login-form\"");
        assertThat(get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void the_containers_health_check_asks_ready_over_https_when_a_certificate_is_set() throws Exception {
        assertThat(ReadyCheck.against(rig.port, Map.of("SWITCHBOARD_TLS_CERT", certFile.toString())))
                .as("ready over HTTPS").isZero();
        assertThat(ReadyCheck.against(rig.port, Map.of())).as("plain HTTP to an HTTPS port").isNotZero();
    }

    @Test
    void a_renewed_certificate_is_served_to_the_next_connection_without_a_restart() throws Exception {
        assertThat(servedTo()).isEqualTo("CN=" + subject(current));
        SelfSignedCertificate renewed = SelfSignedCertificate.create("renewed.switchboard.test");

        write(renewed);
        current = renewed;

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(servedTo()).isEqualTo("CN=renewed.switchboard.test"));
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_certificate_that_does_not_match_its_key_is_refused_and_the_old_one_keeps_serving() throws Exception {
        String before = servedTo();
        SelfSignedCertificate other = SelfSignedCertificate.create("mismatched.switchboard.test");
        LOG.list.clear();

        Files.copy(Path.of(other.certificatePath()), certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        await().atMost(Duration.ofSeconds(15)).until(() -> warnings().stream()
                .anyMatch(w -> w.contains("SWITCHBOARD_TLS_KEY is not the private key of the certificate in "
                        + "SWITCHBOARD_TLS_CERT")));
        assertThat(servedTo()).isEqualTo(before);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        String keyMaterial = Files.readAllLines(keyFile).get(2);
        assertThat(warnings()).noneMatch(w -> w.contains(keyMaterial));

        // the key arrives too: now the pair is good and is taken
        Files.copy(Path.of(other.privateKeyPath()), keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        current = other;
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(servedTo()).isEqualTo("CN=mismatched.switchboard.test"));
    }

    @Test
    void a_file_that_is_not_pem_is_refused_and_the_old_certificate_keeps_serving() throws Exception {
        String before = servedTo();
        LOG.list.clear();

        Files.writeString(certFile, "half a certificate");

        await().atMost(Duration.ofSeconds(15)).until(() -> warnings().stream()
                .anyMatch(w -> w.contains("SWITCHBOARD_TLS_CERT holds no PEM certificate")));
        assertThat(servedTo()).isEqualTo(before);
        write(current);
    }

    @Test
    void a_service_given_a_broken_certificate_does_not_start_and_names_the_setting() throws IOException {
        Path brokenCert = dir.resolve("broken-cert.pem");
        Files.writeString(brokenCert, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        try (ServiceRig broken = new ServiceRig("https_broken", "Asterisk Call Manager/11.0.0",
                vertx -> () -> ScriptedFeed.onLogin(Map.of(), List.of()),
                Map.of("SWITCHBOARD_TLS_CERT", brokenCert.toString(), "SWITCHBOARD_TLS_KEY", keyFile.toString()), false)) {
            assertThatThrownBy(broken::start).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("SWITCHBOARD_TLS_CERT holds no PEM certificate");
        }
    }

    @Test
    void a_key_file_that_holds_no_key_stops_the_start_naming_the_key_setting() throws IOException {
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(notAKey, "-----BEGIN CERTIFICATE-----\nthis is the wrong file\n-----END CERTIFICATE-----\n");
        Vertx vertx = Vertx.vertx();
        try {
            HttpServerVerticle http = new HttpServerVerticle(new HttpConfig("127.0.0.1", Ports.free(), List.of(), List.of(),
                    Optional.of(new HttpConfig.Tls(Path.of(current.certificatePath()), notAKey))), List.of());

            assertThatThrownBy(() -> vertx.deployVerticle(http).await()).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("SWITCHBOARD_TLS_KEY holds no PEM private key");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void the_wallboard_feed_opens_over_https_as_a_secure_websocket() {
        String token = https.post(rig.port, "127.0.0.1", "/api/login").sendJsonObject(new JsonObject()
                .put("username", "admin").put("password", ServiceRig.ADMIN_PASSWORD)).await()
                .bodyAsJsonObject().getString("token");
        WebSocketClient client = rig.vertx.createWebSocketClient(new WebSocketClientOptions().setTrustAll(true)
                .setVerifyHost(false));
        CompletableFuture<String> snapshot = new CompletableFuture<>();
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(snapshot::complete);

        socket.connect(new WebSocketConnectOptions().setSsl(true).setHost("127.0.0.1").setPort(rig.port)
                .setURI("/api/queues/live").addHeader("Authorization", "Bearer " + token)).await();

        await().atMost(Duration.ofSeconds(10)).until(snapshot::isDone);
        assertThat(new JsonObject(snapshot.join())).isNotEmpty();
        socket.close().await();
        client.close().await();
    }

    private static String subject(SelfSignedCertificate pair) throws Exception {
        X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(Path.of(pair.certificatePath())));
        return cert.getSubjectX500Principal().getName().substring(3);
    }

    private static List<String> warnings() {
        return LOG.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Trusts any certificate: the test looks at which one is served, not at who issued it. */
    private static final class TrustingAnyone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
