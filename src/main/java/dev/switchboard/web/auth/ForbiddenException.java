package dev.switchboard.web.auth;

/** Logged in, but the user's role may not do this: 403. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
