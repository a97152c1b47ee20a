package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything Switchboard reads from its configuration file and environment, typed and validated
 * once at start-up. Passed to the parts that need it; nothing else reads the environment.
 */
public record SwitchboardConfig(HttpConfig http, DatabaseConfig database, Path dataDir,
                                List<AmiServerConfig> ami, DemoConfig demo, AuthConfig auth,
                                QueuesConfig queues, String defaultCountry, SchedulingConfig scheduling,
                                IvrConfig ivr, CallbacksConfig callbacks, WallboardConfig wallboard,
                                MessagesConfig messages, QueueLogConfig queueLog) {

    /**
     * No Asterisk configured, and DEMO traffic wanted: with the embedded database unless told
     * otherwise ({@link DemoConfig.Traffic}), so DEMO calls never reach a production database by
     * default.
     */
    public boolean demoMode() {
        return ami.isEmpty() && switch (demo.traffic()) {
            case ON -> true;
            case AUTO -> database.embedded();
            case OFF -> false;
        };
    }

    @Override
    public String toString() {
        return "SwitchboardConfig[http=" + http + ", database=" + database + ", dataDir=" + dataDir
                + ", ami=" + ami + ", demo=" + demo + ", auth=" + auth + ", queues=" + queues + ", defaultCountry="
                + defaultCountry + ", scheduling=" + scheduling + ", ivr=" + ivr + ", callbacks=" + callbacks
                + ", wallboard=" + wallboard + ", messages=" + messages + ", queueLog=" + queueLog + "]";
    }
}
