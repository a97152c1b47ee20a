package dev.switchboard.web;

/** What was asked for existed but is no longer available (an expired link): a 410. */
public final class GoneException extends RuntimeException {

    private final String code;

    public GoneException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
