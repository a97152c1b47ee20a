package dev.switchboard.web;

/** The request is malformed or asks for something impossible: 400 with a message saying which. */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    public InvalidRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
