package dev.switchboard.web;

/** The id names nothing: 404 saying what was not found. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
