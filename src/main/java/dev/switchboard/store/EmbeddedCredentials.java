package dev.switchboard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The embedded server's root password: generated on first start, kept in a file only its owner
 * can read, beside the data. A fresh install has root without a password; this closes that.
 */
final class EmbeddedCredentials {

    static final String USER = "root";
    private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    private final Path file;

    EmbeddedCredentials(Path home) {
        this.file = home.resolve("root-password");
    }

    /** The password kept beside a server that is already secured. */
    String existingPassword() throws IOException {
        return Files.readString(file).trim();
    }

    /** The password to connect with, setting one first when the server still has none. */
    String ensurePassword(int port) throws IOException, SQLException {
        if (Files.isRegularFile(file)) {
            return existingPassword();
        }
        String password = HexFormat.of().formatHex(randomBytes());
        // Write the file first: if we die between the two steps the password is still known.
        Files.writeString(file, password);
        restrictToOwner();
        try (Connection c = DriverManager.getConnection(url(port), props(""))) {
            for (String host : rootHosts(c)) {
                boolean local = LOCAL_HOSTS.contains(host);
                // root from any other host (the machine's name) is never needed: the server listens on 127.0.0.1
                try (PreparedStatement change = c.prepareStatement(local
                        ? "ALTER USER IF EXISTS 'root'@'" + host + "' IDENTIFIED BY ?"
                        : "DROP USER IF EXISTS 'root'@'" + host + "'")) {
                    if (local) {
                        change.setString(1, password);
                    }
                    change.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("FLUSH PRIVILEGES");
            }
        }
        return password;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static List<String> rootHosts(Connection c) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = 'root'")) {
            while (rs.next()) {
                String host = rs.getString(1);
                if (host.matches("[A-Za-z0-9.:_%-]+")) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    private void restrictToOwner() throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more we can do
        }
    }

    static String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    static Properties props(String password) {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        return props;
    }
}
