package dev.switchboard.web;

/** Something the request needs (Asterisk, usually) is not reachable right now: 503, try again. */
public final class UnavailableException extends RuntimeException {

    private final String code;

    public UnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
