package dev.switchboard.config;

import dev.switchboard.accounts.CallerNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Turns the JSON file and the environment into a {@link SwitchboardConfig}: environment variables
 * override the file, the file overrides defaults. Anything unknown or out of range is a
 * {@link ConfigException} whose one-line message names the setting and how to fix it.
 */
public final class ConfigParser {

    private final Map<String, Object> fileValues;
    private final Map<String, String> env;
    private final String fileLabel;

    private ConfigParser(Map<String, Object> fileValues, Map<String, String> env, String fileLabel) {
        this.fileValues = fileValues;
        this.env = env;
        this.fileLabel = fileLabel;
    }

    /**
     * @param file      the parsed configuration file ({} when there is none)
     * @param env       the process environment; only {@code SWITCHBOARD_*} entries are read
     * @param fileLabel how to name the file in error messages
     */
    public static SwitchboardConfig parse(JsonObject file, Map<String, String> env, String fileLabel) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", file, flat);
        rejectUnknownFileKeys(flat.keySet(), fileLabel);
        rejectUnknownEnv(env.keySet());
        return new ConfigParser(flat, env, fileLabel).build();
    }

    private SwitchboardConfig build() {
        HttpConfig http = new HttpConfig(text(Settings.HTTP_HOST), port(Settings.HTTP_PORT, false),
                addressRanges(Settings.TRUSTED_PROXIES).orElse(List.of()), origins(), tls());
        DatabaseConfig database = new DatabaseConfig(
                optionalText(Settings.DB_URL).map(this::jdbcUrl),
                text(Settings.DB_USER),
                text(Settings.DB_PASSWORD),
                integer(Settings.DB_POOL_SIZE, 1, 200),
                port(Settings.DB_EMBEDDED_PORT, true),
                integer(Settings.DB_EMBEDDED_BUFFER_POOL_MB, 16, 65_536),
                Duration.ofSeconds(integer(Settings.DB_EMBEDDED_START_TIMEOUT, 10, 3600)),
                integer(Settings.DB_CONNECT_TIMEOUT, 1, 120),
                integer(Settings.DB_UNSAVED_CALLS_IN_MEMORY, 1, 1_000_000));
        Path dataDir = Path.of(text(Settings.DATA_DIR));
        List<AmiServerConfig> ami = optionalText(Settings.AMI).map(this::amiServers).orElse(List.of());
        DemoConfig demo = new DemoConfig(demoTraffic(), bool(Settings.DEMO_SEED),
                integer(Settings.DEMO_ACCOUNTS, 0, 10_000_000),
                integer(Settings.DEMO_CALLS_PER_MINUTE, 0, 12_000), integer(Settings.DEMO_AGENTS, 1, 5_000));
        AuthConfig auth = new AuthConfig(optionalText(Settings.ADMIN_PASSWORD),
                Duration.ofHours(integer(Settings.SESSION_HOURS, 1, 720)));
        QueuesConfig queues = new QueuesConfig(
                optionalText(Settings.QUEUE_TARGETS).map(this::queueTargets).orElse(Map.of()),
                completeTarget(target(Settings.QUEUE_DEFAULT_TARGET, text(Settings.QUEUE_DEFAULT_TARGET))),
                optionalText(Settings.QUEUE_WRAP_UP).map(this::wrapUps).orElse(Map.of()),
                Duration.ofMinutes(integer(Settings.ROLLING_MINUTES, 5, 1440)),
                zone(text(Settings.TIME_ZONE)));
        SchedulingConfig scheduling = new SchedulingConfig(
                Duration.ofMinutes(integer(Settings.VISIT_MINUTES, 15, 480)),
                Duration.ofMinutes(integer(Settings.TRAVEL_BUFFER_MINUTES, 0, 240)));
        return new SwitchboardConfig(http, database, dataDir, ami, demo, auth, queues,
                country(text(Settings.DEFAULT_COUNTRY)), scheduling,
                new IvrConfig(text(Settings.AGI_HOST), port(Settings.AGI_PORT, false),
                        addressRanges(Settings.AGI_ALLOWED)),
                new CallbacksConfig(integer(Settings.CALLBACK_ATTEMPTS, 1, 10),
                        Duration.ofSeconds(integer(Settings.CALLBACK_RETRY_SECONDS, 1, 86_400)),
                        Duration.ofSeconds(integer(Settings.CALLBACK_RING_SECONDS, 5, 120)),
                        dialplanName(Settings.CALLBACK_CONTEXT), numberPatterns(Settings.CALLBACK_NUMBERS)),
                new WallboardConfig(stateLimits(text(Settings.WALLBOARD_STATE_LIMITS))), messages(),
                new QueueLogConfig(optionalText(Settings.QUEUE_LOG).map(v -> queueLogFiles(v, ami)).orElse(Map.of()),
                        Duration.ofMillis(integer(Settings.QUEUE_LOG_POLL_MS, 100, 60_000)),
                        Duration.ofSeconds(integer(Settings.QUEUE_LOG_SETTLE_SECONDS, 1, 300))));
    }

    /**
     * {@code /var/log/asterisk/queue_log} for the only Asterisk, or {@code pbx1=/a/queue_log,pbx2:5039=/b/queue_log}:
     * each entry names one server of SWITCHBOARD_AMI by host (and port when two share a host).
     */
    private Map<String, Path> queueLogFiles(String value, List<AmiServerConfig> ami) {
        String setting = source(Settings.QUEUE_LOG);
        Map<String, Path> files = new LinkedHashMap<>();
        String[] entries = value.split(",");
        for (String raw : entries) {
            String entry = raw.trim();
            int equals = entry.indexOf('=');
            if (equals < 0) {
                if (entries.length > 1 || ami.size() > 1) {
                    throw new ConfigException(setting + " must name the Asterisk of each file (host[:port]=PATH) "
                            + "when there are several, not '" + entry + "'");
                }
                files.put(QueueLogConfig.ONLY_ASTERISK, absolute(setting, entry));
                continue;
            }
            String name = entry.substring(0, equals).trim();
            Path path = absolute(setting, entry.substring(equals + 1).trim());
            List<AmiServerConfig> named = ami.stream().filter(server -> names(name, server)).toList();
            if (named.size() != 1) {
                throw new ConfigException(setting + ": '" + name + "' " + (named.isEmpty()
                        ? "is not the host[:port] of an Asterisk in " + Settings.AMI.env()
                        : "names " + named.size() + " Asterisk servers; add the port"));
            }
            if (files.put(named.get(0).label(), path) != null) {
                throw new ConfigException(setting + " names the Asterisk at '" + name + "' twice");
            }
        }
        return files;
    }

    private static boolean names(String hostAndPort, AmiServerConfig server) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            return server.host().equalsIgnoreCase(hostAndPort);
        }
        return server.host().equalsIgnoreCase(hostAndPort.substring(0, colon))
                && hostAndPort.substring(colon + 1).equals(String.valueOf(server.port()));
    }

    private static Path absolute(String setting, String path) {
        if (path.isEmpty() || !Path.of(path).isAbsolute()) {
            throw new ConfigException(setting + " needs an absolute path to queue_log, not '" + path + "'");
        }
        return Path.of(path);
    }

    private MessagesConfig messages() {
        Optional<MessagesConfig.Smtp> smtp = optionalText(Settings.SMTP_HOST).map(host -> new MessagesConfig.Smtp(
                host, port(Settings.SMTP_PORT, false), bool(Settings.SMTP_STARTTLS), optionalText(Settings.SMTP_USER),
                optionalText(Settings.SMTP_PASSWORD), text(Settings.SMTP_FROM).trim()));
        Optional<MessagesConfig.SmsGateway> sms = optionalText(Settings.SMS_URL).map(url -> {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigException(source(Settings.SMS_URL) + " must be an http:// or https:// URL");
            }
            String token = optionalText(Settings.SMS_TOKEN).orElseThrow(() -> new ConfigException(
                    Settings.SMS_TOKEN.env() + " is needed with " + source(Settings.SMS_URL)));
            return new MessagesConfig.SmsGateway(url, token, text(Settings.SMS_SENDER).trim());
        });
        String publicUrl = text(Settings.PUBLIC_URL).trim().replaceAll("/+$", "");
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new ConfigException(source(Settings.PUBLIC_URL) + " must be an http:// or https:// URL");
        }
        return new MessagesConfig(smtp, sms, integer(Settings.MESSAGE_ATTEMPTS, 1, 1000),
                Duration.ofSeconds(integer(Settings.MESSAGE_RETRY_SECONDS, 1, 3600)),
                Duration.ofSeconds(integer(Settings.MESSAGE_MAX_RETRY_SECONDS, 1, 86_400)), publicUrl);
    }

    /** Addresses or CIDR blocks, comma-separated; empty when the setting is unset. */
    private Optional<List<AddressRange>> addressRanges(Setting s) {
        return optionalText(s).map(value -> {
            List<AddressRange> ranges = new ArrayList<>();
            for (String entry : value.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(AddressRange.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(source(s) + " must list IP addresses or CIDRs such as 10.0.0.0/8: "
                            + e.getMessage());
                }
            }
            return List.copyOf(ranges);
        });
    }

    /** {@code https://switchboard.example.com,http://10.0.0.5:8080}: origins exactly as browsers send them. */
    private List<String> origins() {
        List<String> origins = new ArrayList<>();
        for (String entry : text(Settings.ALLOWED_ORIGINS).split(",")) {
            String origin = entry.trim().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.matches("https?://[^/?#\\s]+")) {
                throw new ConfigException(source(Settings.ALLOWED_ORIGINS) + " entries must look like "
                        + "https://host[:port] (no path), not '" + entry.trim() + "'");
            }
            origins.add(origin);
        }
        return origins;
    }

    /** Both files or neither; each must be readable now (it is read again when it changes). */
    private Optional<HttpConfig.Tls> tls() {
        Optional<String> cert = optionalText(Settings.TLS_CERT);
        Optional<String> key = optionalText(Settings.TLS_KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(source(cert.isPresent() ? Settings.TLS_KEY : Settings.TLS_CERT)
                    + " is needed too: HTTPS takes a certificate and its key");
        }
        return cert.map(c -> {
            Path certificate = Path.of(c);
            Path privateKey = Path.of(key.get());
            for (Setting s : List.of(Settings.TLS_CERT, Settings.TLS_KEY)) {
                Path file = s == Settings.TLS_CERT ? certificate : privateKey;
                if (!java.nio.file.Files.isReadable(file)) {
                    throw new ConfigException(source(s) + " names " + file + ", which cannot be read");
                }
            }
            return new HttpConfig.Tls(certificate, privateKey);
        });
    }

    /** Regular expressions, comma-separated; each must compile. */
    private Optional<List<Pattern>> numberPatterns(Setting s) {
        return optionalText(s).map(value -> {
            List<Pattern> patterns = new ArrayList<>();
            for (String entry : value.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    patterns.add(Pattern.compile(entry.trim()));
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(source(s) + " has a pattern that is not a regular expression: '"
                            + entry.trim() + "' (" + e.getDescription() + ")");
                }
            }
            return List.copyOf(patterns);
        });
    }

    /** {@code support=20/80/5,billing=30}: a target per queue. */
    private Map<String, AnswerTargetConfig> queueTargets(String value) {
        Map<String, AnswerTargetConfig> targets = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            String queue = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (queue.isEmpty()) {
                throw new ConfigException(source(Settings.QUEUE_TARGETS)
                        + " entries must look like queue=T[/percent[/shortAbandon]], not '" + entry.trim() + "'");
            }
            targets.put(queue, target(Settings.QUEUE_TARGETS, entry.substring(equals + 1).trim()));
        }
        return targets;
    }

    /** {@code support=2,billing=0}: wrap-up seconds per queue. */
    private Map<String, Integer> wrapUps(String value) {
        Map<String, Integer> wrapUps = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String[] parts = entry.split("=", -1);
            try {
                int seconds = Integer.parseInt(parts.length == 2 ? parts[1].trim() : "x");
                if (!parts[0].isBlank() && seconds >= 0 && seconds <= 3600) {
                    wrapUps.put(parts[0].trim(), seconds);
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(source(Settings.QUEUE_WRAP_UP) + " entries must look like queue=S "
                    + "(0-3600 s), not '" + entry.trim() + "'");
        }
        return wrapUps;
    }

    /** {@code paused=900,wrapUp=120}: seconds per agent state; states not named keep their defaults. */
    private Map<String, Integer> stateLimits(String value) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", -1);
            String state = parts[0].trim();
            try {
                int seconds = Integer.parseInt(parts.length == 2 ? parts[1].trim() : "x");
                if (WallboardConfig.STATES.contains(state) && seconds >= 0 && seconds <= 86_400) {
                    limits.put(state, seconds);
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(source(Settings.WALLBOARD_STATE_LIMITS) + " entries must look like state=S "
                    + "with state one of " + String.join(", ", WallboardConfig.STATES) + " and S 0-86400 s, not '"
                    + entry.trim() + "'");
        }
        return limits;
    }

    /** {@code T[/percent[/shortAbandon]]}; an empty T leaves it to Asterisk or the default. */
    private AnswerTargetConfig target(Setting s, String value) {
        String[] parts = value.split("/", -1);
        try {
            Integer answer = parts[0].isBlank() ? null : Integer.valueOf(parts[0].trim());
            Double percent = parts.length > 1 && !parts[1].isBlank() ? Double.valueOf(parts[1].trim()) : null;
            Integer shortAbandon = parts.length > 2 && !parts[2].isBlank() ? Integer.valueOf(parts[2].trim()) : null;
            if (parts.length <= 3 && (answer == null || (answer >= 1 && answer <= 3600))
                    && (percent == null || (percent > 0 && percent <= 100))
                    && (shortAbandon == null || (shortAbandon >= 0 && shortAbandon <= 3600))) {
                return new AnswerTargetConfig(answer, percent, shortAbandon);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(source(s) + ": '" + value + "' is not T[/percent[/shortAbandon]] "
                + "(T 1-3600 s, percent above 0 up to 100, shortAbandon 0-3600 s)");
    }

    private AnswerTargetConfig completeTarget(AnswerTargetConfig t) {
        if (t.answerSeconds() == null || t.percent() == null || t.shortAbandonSeconds() == null) {
            throw new ConfigException(source(Settings.QUEUE_DEFAULT_TARGET)
                    + " needs all three parts: T/percent/shortAbandon, e.g. 20/80/5");
        }
        return t;
    }

    private String country(String value) {
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!CallerNumber.isKnownRegion(code)) {
            throw new ConfigException(source(Settings.DEFAULT_COUNTRY) + " must be a country code such as US or GB, not '"
                    + value + "'");
        }
        return code;
    }

    /** A dialplan context name: letters, digits, '-' and '_' only, as it goes into an AMI action. */
    private String dialplanName(Setting s) {
        String value = text(s).trim();
        if (!value.matches("[A-Za-z0-9_-]{1,79}")) {
            throw new ConfigException(source(s) + " must be a dialplan context name (letters, digits, - and _), not '"
                    + value + "'");
        }
        return value;
    }

    private ZoneId zone(String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new ConfigException(source(Settings.TIME_ZONE) + " must be a time zone such as UTC or "
                    + "Europe/London, not '" + value + "'");
        }
    }

    private DemoConfig.Traffic demoTraffic() {
        String value = raw(Settings.DEMO).orElse("").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> DemoConfig.Traffic.AUTO;
            case "true", "yes", "1" -> DemoConfig.Traffic.ON;
            case "false", "no", "0" -> DemoConfig.Traffic.OFF;
            default -> throw new ConfigException(source(Settings.DEMO) + " must be auto, true or false, not '" + value + "'");
        };
    }

    private Optional<String> raw(Setting s) {
        String fromEnv = env.get(s.env());
        if (s.secret() && env.containsKey(s.fileEnv())) {
            if (fromEnv != null) {
                throw new ConfigException("set " + s.env() + " or " + s.fileEnv() + ", not both");
            }
            return Optional.of(SecretFile.read(s.fileEnv(), Path.of(env.get(s.fileEnv()))));
        }
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        Object fromFile = fileValues.get(s.path());
        if (fromFile instanceof JsonArray array) {
            return Optional.of(array.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return Optional.ofNullable(fromFile).map(String::valueOf).or(() -> Optional.ofNullable(s.defaultValue()));
    }

    private String source(Setting s) {
        if (s.secret() && env.containsKey(s.fileEnv())) {
            return "the file named by " + s.fileEnv();
        }
        return env.containsKey(s.env()) ? s.env() : fileValues.containsKey(s.path())
                ? "'" + s.path() + "' in " + fileLabel : s.env();
    }

    private Optional<String> optionalText(Setting s) {
        return raw(s).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String text(Setting s) {
        return raw(s).orElse("");
    }

    private int integer(Setting s, int min, int max) {
        String value = raw(s).orElse("").trim();
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new ConfigException(source(s) + " must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }

    private int port(Setting s, boolean zeroMeansAny) {
        String value = raw(s).orElse("").trim();
        try {
            int n = Integer.parseInt(value);
            if ((n >= 1 || (zeroMeansAny && n == 0)) && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(source(s) + " must be a TCP port from " + (zeroMeansAny ? 0 : 1)
                + " to 65535, not '" + value + "'");
    }

    private boolean bool(Setting s) {
        String value = raw(s).orElse("").trim().toLowerCase();
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(source(s) + " must be true or false, not '" + value + "'");
        };
    }

    private String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:mysql://")) {
            throw new ConfigException(source(Settings.DB_URL)
                    + " must be a MariaDB JDBC URL like jdbc:mariadb://host:3306/switchboard");
        }
        return url;
    }

    private List<AmiServerConfig> amiServers(String value) {
        List<AmiServerConfig> servers = new ArrayList<>();
        for (String entry : value.split(",")) {
            servers.add(amiServer(entry.trim()));
        }
        return List.copyOf(servers);
    }

    /** {@code user:secret@host:port}; the secret may itself contain ':' or '@'. */
    private AmiServerConfig amiServer(String entry) {
        String fix = source(Settings.AMI) + " entries must look like user:secret@host:port";
        int at = entry.lastIndexOf('@');
        int colon = entry.indexOf(':');
        if (at < 0 || colon < 0 || colon > at) {
            throw new ConfigException(fix + " (got an entry without user:secret@)");
        }
        String user = entry.substring(0, colon);
        String secret = entry.substring(colon + 1, at);
        String hostPort = entry.substring(at + 1);
        int portColon = hostPort.lastIndexOf(':');
        if (user.isEmpty() || secret.isEmpty() || portColon <= 0) {
            throw new ConfigException(fix + " (user, secret, host and port are all required)");
        }
        String host = hostPort.substring(0, portColon);
        try {
            int port = Integer.parseInt(hostPort.substring(portColon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new AmiServerConfig(user, secret, host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(fix + " (the port of " + host + " is not 1-65535)");
        }
    }

    private static void flatten(String prefix, JsonObject json, Map<String, Object> out) {
        for (String key : json.fieldNames()) {
            Object value = json.getValue(key);
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof JsonObject nested) {
                flatten(path, nested, out);
            } else {
                out.put(path, value);
            }
        }
    }

    private static void rejectUnknownFileKeys(Iterable<String> paths, String fileLabel) {
        for (String path : paths) {
            if (Settings.byPath(path).isEmpty()) {
                throw new ConfigException("unknown setting '" + path + "' in " + fileLabel + "; known settings: "
                        + Settings.ALL.stream().map(Setting::path).collect(Collectors.joining(", ")));
            }
        }
    }

    private static void rejectUnknownEnv(Iterable<String> names) {
        for (String name : names) {
            if (name.startsWith(Setting.ENV_PREFIX) && !name.equals(Settings.CONFIG_FILE_ENV)
                    && !Settings.injectedByPlatform(name) && Settings.byEnv(name).isEmpty()) {
                throw new ConfigException("unknown environment variable " + name + "; known: "
                        + Settings.ALL.stream().map(Setting::env).collect(Collectors.joining(", "))
                        + ", " + Settings.CONFIG_FILE_ENV);
            }
        }
    }
}
