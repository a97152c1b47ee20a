package dev.switchboard.config;

import java.util.List;
import java.util.Optional;

/** Every setting Switchboard understands. */
public final class Settings {

    public static final Setting HTTP_HOST = new Setting("http.host", "SWITCHBOARD_HTTP_HOST", "0.0.0.0",
            "address the HTTP API and UI listen on");
    public static final Setting HTTP_PORT = new Setting("http.port", "SWITCHBOARD_HTTP_PORT", "8080",
            "HTTP port (1-65535)");
    public static final Setting TRUSTED_PROXIES = new Setting("http.trustedProxies", "SWITCHBOARD_TRUSTED_PROXIES",
            "", "reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client; "
                    + "unset: none, the connection's own address is the client's");
    public static final Setting ALLOWED_ORIGINS = new Setting("http.allowedOrigins", "SWITCHBOARD_ALLOWED_ORIGINS",
            "", "origins (scheme://host[:port], comma-separated) whose pages may open the live feeds; unset: "
                    + "Switchboard's own origin as the browser sees it");
    public static final Setting TLS_CERT = new Setting("http.tls.certificateFile", "SWITCHBOARD_TLS_CERT", null,
            "PEM certificate chain for HTTPS on the HTTP port, read again when it changes; unset: plain HTTP "
                    + "(needs SWITCHBOARD_TLS_KEY)");
    public static final Setting TLS_KEY = new Setting("http.tls.keyFile", "SWITCHBOARD_TLS_KEY", null,
            "PEM private key of SWITCHBOARD_TLS_CERT");
    public static final Setting DB_URL = new Setting("database.url", "SWITCHBOARD_DB_URL", null,
            "JDBC URL of an external MariaDB (jdbc:mariadb://host:3306/switchboard); unset: embedded MariaDB");
    public static final Setting DB_USER = new Setting("database.user", "SWITCHBOARD_DB_USER", "switchboard",
            "database user for the external MariaDB");
    public static final Setting DB_PASSWORD = Setting.secret("database.password", "SWITCHBOARD_DB_PASSWORD", "",
            "database password for the external MariaDB (never logged); or a file holding it: "
                    + "SWITCHBOARD_DB_PASSWORD_FILE");
    public static final Setting DB_POOL_SIZE = new Setting("database.poolSize", "SWITCHBOARD_DB_POOL_SIZE", "8",
            "connections in the database pool (1-200)");
    public static final Setting DB_CONNECT_TIMEOUT = new Setting("database.connectTimeoutSeconds",
            "SWITCHBOARD_DB_CONNECT_TIMEOUT", "5", "seconds to wait for the database at start-up (1-120)");
    public static final Setting DB_EMBEDDED_PORT = new Setting("database.embeddedPort",
            "SWITCHBOARD_DB_EMBEDDED_PORT", "0", "TCP port of the embedded MariaDB on 127.0.0.1; 0: any free port");
    public static final Setting DB_EMBEDDED_BUFFER_POOL_MB = new Setting("database.embeddedBufferPoolMb",
            "SWITCHBOARD_DB_EMBEDDED_BUFFER_POOL_MB", "128",
            "MiB of memory the embedded MariaDB keeps table and index pages in (InnoDB buffer pool, 16-65536); "
                    + "size it to the data when the account book is large");
    public static final Setting DB_EMBEDDED_START_TIMEOUT = new Setting("database.embeddedStartTimeoutSeconds",
            "SWITCHBOARD_DB_EMBEDDED_START_TIMEOUT", "300",
            "seconds the embedded MariaDB may take to create its files on the first start, and then to start "
                    + "(10-3600); progress is logged meanwhile");
    public static final Setting DB_UNSAVED_CALLS_IN_MEMORY = new Setting("database.unsavedCallsInMemory",
            "SWITCHBOARD_DB_UNSAVED_CALLS_IN_MEMORY", "10000",
            "calls waiting in memory while the database is away (1-1000000); past that they wait in files "
                    + "under the data directory (unsaved-calls/) and are stored from there when it is back");
    public static final Setting DATA_DIR = new Setting("dataDir", "SWITCHBOARD_DATA_DIR", "data",
            "directory for the embedded database and other local state");
    public static final Setting AMI = Setting.secret("ami", "SWITCHBOARD_AMI", null,
            "Asterisk Manager logins, user:secret@host:port, comma-separated, or a file holding them: "
                    + "SWITCHBOARD_AMI_FILE; unset: no Asterisk (see SWITCHBOARD_DEMO)");
    public static final Setting QUEUE_LOG = new Setting("queueLog.files", "SWITCHBOARD_QUEUE_LOG", null,
            "Asterisk's queue_log file, shared read-only with Switchboard: an absolute PATH with one Asterisk, "
                    + "else host[:port]=PATH per Asterisk of SWITCHBOARD_AMI, comma-separated; calls that end while "
                    + "Switchboard is not listening are recovered from it; unset: AMI alone");
    public static final Setting QUEUE_LOG_POLL_MS = new Setting("queueLog.pollMillis", "SWITCHBOARD_QUEUE_LOG_POLL_MS",
            "1000", "how often queue_log is read, in milliseconds (100-60000)");
    public static final Setting QUEUE_LOG_SETTLE_SECONDS = new Setting("queueLog.settleSeconds",
            "SWITCHBOARD_QUEUE_LOG_SETTLE_SECONDS", "5",
            "seconds after queue_log says a caller left a queue before the call is held against what AMI said "
                    + "(1-300)");
    public static final Setting DEMO = new Setting("demo.traffic", "SWITCHBOARD_DEMO", "auto",
            "DEMO calls from a built-in simulated Asterisk when SWITCHBOARD_AMI is unset: auto (only with the "
                    + "embedded database), true (also with an external one), false (never)");
    public static final Setting DEMO_SEED = new Setting("demo.seedOnFirstStart", "SWITCHBOARD_DEMO_SEED", "true",
            "write demo data on the first start of an empty embedded database (true/false)");
    public static final Setting DEMO_ACCOUNTS = new Setting("demo.accounts", "SWITCHBOARD_DEMO_ACCOUNTS", "2000",
            "number of demo accounts written on first start");

    public static final Setting DEMO_CALLS_PER_MINUTE = new Setting("demo.callsPerMinute",
            "SWITCHBOARD_DEMO_CALLS_PER_MINUTE", "4",
            "simulated calls per minute when no Asterisk is configured (0-12000; 0: no demo traffic)");
    public static final Setting DEMO_AGENTS = new Setting("demo.agents", "SWITCHBOARD_DEMO_AGENTS", "5",
            "simulated agents when no Asterisk is configured (1-5000)");
    public static final Setting ADMIN_PASSWORD = Setting.secret("admin.initialPassword", "SWITCHBOARD_ADMIN_PASSWORD",
            null, "password of the 'admin' user created on first start, or a file holding it: "
                    + "SWITCHBOARD_ADMIN_PASSWORD_FILE; unset: a random one is printed once");
    public static final Setting SESSION_HOURS = new Setting("auth.sessionHours", "SWITCHBOARD_SESSION_HOURS", "12",
            "hours an API token stays valid (1-720)");

    public static final Setting QUEUE_TARGETS = new Setting("queues.targets", "SWITCHBOARD_QUEUE_TARGETS", null,
            "answer-time targets per queue, queue=T[/percent[/shortAbandon]] comma-separated, e.g. support=20/80/5; "
                    + "a queue without T takes Asterisk's servicelevel, else the default");
    public static final Setting QUEUE_DEFAULT_TARGET = new Setting("queues.defaultTarget",
            "SWITCHBOARD_QUEUE_DEFAULT_TARGET", "20/80/5",
            "target for queues not listed: answer within T s / target % / abandons shorter than S s not counted");
    public static final Setting QUEUE_WRAP_UP = new Setting("queues.wrapUpSeconds", "SWITCHBOARD_QUEUE_WRAPUP", null,
            "wrap-up seconds per queue as in Asterisk's queues.conf wrapuptime, queue=S comma-separated "
                    + "(AMI does not report it); unset: the members' own wrapuptime, else 0");
    public static final Setting ROLLING_MINUTES = new Setting("queues.rollingMinutes",
            "SWITCHBOARD_ROLLING_MINUTES", "60", "length of the rolling window for queue figures (5-1440 minutes)");
    public static final Setting TIME_ZONE = new Setting("queues.timeZone", "SWITCHBOARD_TIME_ZONE", "UTC",
            "time zone of the call centre's day and 15-minute intervals, e.g. Europe/London");

    public static final Setting WALLBOARD_STATE_LIMITS = new Setting("wallboard.stateLimits",
            "SWITCHBOARD_WALLBOARD_STATE_LIMITS", "ringing=30,onCall=1200,wrapUp=120,paused=900",
            "seconds in one state after which the wallboard flags an agent, state=S comma-separated (states: "
                    + "ringing, onCall, wrapUp, paused; 0: never flagged); a state not listed keeps its default");

    public static final Setting DEFAULT_COUNTRY = new Setting("screenPop.defaultCountry",
            "SWITCHBOARD_DEFAULT_COUNTRY", "US",
            "country (ISO 3166 code, e.g. US, GB) of caller numbers dialled without a country code");

    public static final Setting VISIT_MINUTES = new Setting("scheduling.visitMinutes",
            "SWITCHBOARD_VISIT_MINUTES", "120", "length of an engineer visit slot in minutes (15-480)");
    public static final Setting TRAVEL_BUFFER_MINUTES = new Setting("scheduling.travelBufferMinutes",
            "SWITCHBOARD_TRAVEL_BUFFER_MINUTES", "30", "minutes kept free between two visits of one engineer (0-240)");

    public static final Setting AGI_HOST = new Setting("ivr.agiHost", "SWITCHBOARD_AGI_HOST", "0.0.0.0",
            "address the FastAGI server (for Asterisk's IVR) listens on");
    public static final Setting AGI_PORT = new Setting("ivr.agiPort", "SWITCHBOARD_AGI_PORT", "4573",
            "FastAGI port (1-65535); the dialplan calls AGI(agi://switchboard:4573/identify-caller) …");
    public static final Setting AGI_ALLOWED = new Setting("ivr.allowedAddresses", "SWITCHBOARD_AGI_ALLOWED", null,
            "addresses or CIDRs (comma-separated) that may connect to FastAGI; unset: loopback and the hosts of "
                    + "SWITCHBOARD_AMI");

    public static final Setting CALLBACK_ATTEMPTS = new Setting("callbacks.attempts",
            "SWITCHBOARD_CALLBACK_ATTEMPTS", "3", "times a callback calls the customer before it gives up (1-10)");
    public static final Setting CALLBACK_RETRY_SECONDS = new Setting("callbacks.retrySeconds",
            "SWITCHBOARD_CALLBACK_RETRY_SECONDS", "300",
            "seconds between two tries of a callback the customer did not answer (1-86400)");
    public static final Setting CALLBACK_RING_SECONDS = new Setting("callbacks.agentRingSeconds",
            "SWITCHBOARD_CALLBACK_RING_SECONDS", "20",
            "seconds the agent's phone rings for a callback before another agent is tried (5-120)");
    public static final Setting CALLBACK_CONTEXT = new Setting("callbacks.context",
            "SWITCHBOARD_CALLBACK_CONTEXT", "callback-outbound",
            "dialplan context that dials the customer once the agent answers (extension s)");
    public static final Setting CALLBACK_NUMBERS = new Setting("callbacks.allowedNumbers",
            "SWITCHBOARD_CALLBACK_NUMBERS", null,
            "regular expressions (comma-separated) a callback number in E.164 form (+441632960001) must match; "
                    + "unset: the default country's geographic and mobile numbers; premium-rate numbers are "
                    + "always refused");

    public static final Setting SMTP_HOST = new Setting("messages.smtp.host", "SWITCHBOARD_SMTP_HOST", null,
            "SMTP server for e-mail to customers; unset: e-mail messages stay queued");
    public static final Setting SMTP_PORT = new Setting("messages.smtp.port", "SWITCHBOARD_SMTP_PORT", "587",
            "SMTP server port");
    public static final Setting SMTP_STARTTLS = new Setting("messages.smtp.startTls", "SWITCHBOARD_SMTP_STARTTLS",
            "true", "require STARTTLS on the SMTP connection (false: plain, for a local mail catcher)");
    public static final Setting SMTP_USER = new Setting("messages.smtp.user", "SWITCHBOARD_SMTP_USER", null,
            "SMTP login; unset: no login");
    public static final Setting SMTP_PASSWORD = Setting.secret("messages.smtp.password", "SWITCHBOARD_SMTP_PASSWORD",
            null, "SMTP password");
    public static final Setting SMTP_FROM = new Setting("messages.smtp.from", "SWITCHBOARD_SMTP_FROM",
            "Switchboard <service@example.com>", "sender of e-mail to customers");
    public static final Setting SMS_URL = new Setting("messages.sms.url", "SWITCHBOARD_SMS_URL", null,
            "SMS gateway URL taking POST JSON {to, from, text, id}; unset: SMS messages stay queued");
    public static final Setting SMS_TOKEN = Setting.secret("messages.sms.token", "SWITCHBOARD_SMS_TOKEN", null,
            "bearer token for the SMS gateway");
    public static final Setting SMS_SENDER = new Setting("messages.sms.senderId", "SWITCHBOARD_SMS_SENDER",
            "Switchboard", "sender id shown on SMS to customers");
    public static final Setting MESSAGE_ATTEMPTS = new Setting("messages.maxAttempts",
            "SWITCHBOARD_MESSAGE_ATTEMPTS", "30", "tries of a customer message before it is marked failed (1-1000)");
    public static final Setting MESSAGE_RETRY_SECONDS = new Setting("messages.firstRetrySeconds",
            "SWITCHBOARD_MESSAGE_RETRY_SECONDS", "30",
            "pause after a message's first failed try; doubles after each (1-3600)");
    public static final Setting MESSAGE_MAX_RETRY_SECONDS = new Setting("messages.maxRetrySeconds",
            "SWITCHBOARD_MESSAGE_MAX_RETRY_SECONDS", "1800", "longest pause between tries of a message (1-86400)");
    public static final Setting PUBLIC_URL = new Setting("messages.publicUrl", "SWITCHBOARD_PUBLIC_URL",
            "http://localhost:8080", "address customers reach Switchboard at; survey links start with it");

    public static final List<Setting> ALL = List.of(HTTP_HOST, HTTP_PORT, TRUSTED_PROXIES, ALLOWED_ORIGINS,
            TLS_CERT, TLS_KEY, DB_URL, DB_USER, DB_PASSWORD,
            DB_POOL_SIZE, DB_CONNECT_TIMEOUT, DB_EMBEDDED_PORT, DB_EMBEDDED_BUFFER_POOL_MB,
            DB_EMBEDDED_START_TIMEOUT, DB_UNSAVED_CALLS_IN_MEMORY, DATA_DIR, AMI, QUEUE_LOG,
            QUEUE_LOG_POLL_MS, QUEUE_LOG_SETTLE_SECONDS, DEMO, DEMO_SEED,
            DEMO_ACCOUNTS, DEMO_CALLS_PER_MINUTE, DEMO_AGENTS, ADMIN_PASSWORD, SESSION_HOURS, QUEUE_TARGETS,
            QUEUE_DEFAULT_TARGET, QUEUE_WRAP_UP, ROLLING_MINUTES, TIME_ZONE, WALLBOARD_STATE_LIMITS, DEFAULT_COUNTRY, VISIT_MINUTES, TRAVEL_BUFFER_MINUTES, AGI_HOST, AGI_PORT, AGI_ALLOWED,
            CALLBACK_ATTEMPTS, CALLBACK_RETRY_SECONDS, CALLBACK_RING_SECONDS, CALLBACK_CONTEXT, CALLBACK_NUMBERS,
            SMTP_HOST, SMTP_PORT, SMTP_STARTTLS, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMS_URL, SMS_TOKEN, SMS_SENDER,
            MESSAGE_ATTEMPTS, MESSAGE_RETRY_SECONDS, MESSAGE_MAX_RETRY_SECONDS, PUBLIC_URL);

    /** Names the configuration file; not a setting inside it. */
    public static final String CONFIG_FILE_ENV = "SWITCHBOARD_CONFIG";
    public static final String DEFAULT_CONFIG_FILE = "switchboard.json";

    private Settings() {
    }

    public static Optional<Setting> byPath(String path) {
        return ALL.stream().filter(s -> s.path().equals(path)).findFirst();
    }

    public static Optional<Setting> byEnv(String env) {
        return ALL.stream().filter(s -> s.env().equals(env) || (s.secret() && s.fileEnv().equals(env))).findFirst();
    }

    /**
     * Variables a platform sets on its own for a service named "switchboard": Kubernetes'
     * {@code SWITCHBOARD_SERVICE_HOST}, {@code SWITCHBOARD_SERVICE_PORT[_NAME]}, and the Docker-link
     * style {@code SWITCHBOARD_PORT} and {@code SWITCHBOARD_PORT_8080_TCP[_ADDR|_PORT|_PROTO]}. They
     * are not settings and are ignored.
     */
    public static boolean injectedByPlatform(String env) {
        return env.startsWith(Setting.ENV_PREFIX + "SERVICE_HOST") || env.startsWith(Setting.ENV_PREFIX + "SERVICE_PORT")
                || env.equals(Setting.ENV_PREFIX + "PORT") || env.startsWith(Setting.ENV_PREFIX + "PORT_");
    }

    /** The reference printed by {@code --help} and kept in step with README. */
    public static String reference() {
        StringBuilder out = new StringBuilder();
        for (Setting s : ALL) {
            out.append(String.format("  %-32s %-26s %s%s%n", s.env(), s.path(), s.description(),
                    s.defaultValue() == null || s.defaultValue().isEmpty() ? "" : " [default: " + s.defaultValue() + "]"));
        }
        return out.toString();
    }
}
