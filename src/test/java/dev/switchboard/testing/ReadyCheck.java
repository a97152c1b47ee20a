package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the container's health check script, container/ready-check.sh, as Docker would, against a port here. */
public final class ReadyCheck {

    private ReadyCheck() {
    }

    /** The script's exit code when pointed at {@code port}, with these extra variables (e.g. SWITCHBOARD_TLS_CERT). */
    public static int against(int port, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("container/ready-check.sh").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("SWITCHBOARD_TLS_CERT");
        builder.environment().put("SWITCHBOARD_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        Process check = builder.start();
        if (!check.waitFor(20, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new AssertionError("the health check did not end within 20 s");
        }
        return check.exitValue();
    }
}
