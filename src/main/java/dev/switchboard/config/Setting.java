package dev.switchboard.config;

/**
 * One configuration setting: where it sits in the JSON file, which environment variable
 * overrides it, its default and what it means. {@link Settings} lists them all; the parser, the
 * unknown-key check and {@code --help} all read that one list.
 */
public record Setting(String path, String env, String defaultValue, String description) {

    public static final String ENV_PREFIX = "SWITCHBOARD_";
}
