package dev.switchboard.web;

/** A change that must name the version it is based on (If-Match) did not: 428. */
public final class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
