package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/switchboard.jar ...} as a child process, with its output collected line
 * by line so a test can wait for a line instead of sleeping.
 */
public final class JarProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "switchboard.jar");

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private JarProcess(Process process) {
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), line -> {
            stdout.add(line);
            stdoutLines.add(line);
        });
        this.stderrPump = pump(process.getErrorStream(), stderr::add);
    }

    public static JarProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        return new JarProcess(builder.start());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "jar-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a stdout line matching {@code regex}; fails with the output so far if none comes. */
    public String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = stdoutLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && pattern.matcher(line).find()) {
                return line;
            }
            if (line == null && !process.isAlive() && stdoutLines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line matching /" + regex + "/ within " + timeout + "; stdout:\n"
                + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr));
    }

    /** Waits for the process to end; the exit code, or fails if it is still running. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; stdout:\n" + String.join("\n", stdout));
        }
        stdoutPump.join(5000);
        stderrPump.join(5000);
        return process.exitValue();
    }

    /**
     * SIGTERM, as systemd or Ctrl-C would send. Through the process handle: {@code Process.destroy}
     * would also close our end of its output, and we want to read what it says while stopping.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: no shutdown hooks run. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Processes whose command line mentions {@code text}, e.g. a data directory. */
    public static List<ProcessHandle> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(text)).orElse(false))
                .toList();
    }

    public static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }

    /** One HTTP request to the service on {@code port}, JSON body if any, bearer token if any. */
    public static java.net.http.HttpResponse<String> send(int port, String method, String path, String token,
                                                          io.vertx.core.json.JsonObject body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
