package dev.switchboard.config;

/**
 * One configuration setting: where it sits in the JSON file, which environment variable
 * overrides it, its default and what it means. {@link Settings} lists them all; the parser, the
 * unknown-key check and {@code --help} all read that one list. A secret may also be read from a
 * file named by {@code <env>_FILE} (container secrets), so it need not sit in the environment.
 */
public record Setting(String path, String env, String defaultValue, String description, boolean secret) {

    public static final String ENV_PREFIX = "SWITCHBOARD_";
    public static final String FILE_SUFFIX = "_FILE";

    public Setting(String path, String env, String defaultValue, String description) {
        this(path, env, defaultValue, description, false);
    }

    public static Setting secret(String path, String env, String defaultValue, String description) {
        return new Setting(path, env, defaultValue, description, true);
    }

    /** The variable naming a file that holds this secret's value. */
    public String fileEnv() {
        return env + FILE_SUFFIX;
    }
}
