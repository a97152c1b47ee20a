package dev.switchboard.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration once: the JSON file (from {@code --config}, {@code SWITCHBOARD_CONFIG}
 * or ./switchboard.json when present), then the environment on top.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static Future<SwitchboardConfig> load(Vertx vertx, Optional<Path> fileFromCommandLine) {
        return read(vertx, envStore()).compose(envJson -> {
            Map<String, String> env = new HashMap<>();
            envJson.forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
            Optional<Path> file = fileFromCommandLine
                    .or(() -> Optional.ofNullable(env.get(Settings.CONFIG_FILE_ENV)).map(Path::of))
                    .or(() -> Optional.of(Path.of(Settings.DEFAULT_CONFIG_FILE)).filter(Files::exists));
            return readFile(vertx, file).map(fileJson ->
                    ConfigParser.parse(fileJson, env, file.map(Path::toString).orElse("(no file)")));
        });
    }

    private static Future<JsonObject> readFile(Vertx vertx, Optional<Path> file) {
        if (file.isEmpty()) {
            return Future.succeededFuture(new JsonObject());
        }
        Path path = file.get();
        if (!Files.isReadable(path)) {
            return Future.failedFuture(new ConfigException("configuration file " + path
                    + " does not exist or cannot be read"));
        }
        ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("json")
                .setConfig(new JsonObject().put("path", path.toString()));
        return read(vertx, store).recover(e -> Future.failedFuture(new ConfigException(
                "configuration file " + path + " is not valid JSON: " + firstLine(e))));
    }

    private static ConfigStoreOptions envStore() {
        // raw-data keeps values as strings: "0123" stays "0123", secrets are not reinterpreted
        return new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true));
    }

    private static Future<JsonObject> read(Vertx vertx, ConfigStoreOptions store) {
        ConfigRetriever retriever = ConfigRetriever.create(vertx,
                new ConfigRetrieverOptions().setScanPeriod(0).setIncludeDefaultStores(false).addStore(store));
        return retriever.getConfig().eventually(retriever::close);
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
