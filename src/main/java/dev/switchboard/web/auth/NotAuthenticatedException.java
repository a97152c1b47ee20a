package dev.switchboard.web.auth;

/** No valid login: 401. The message says what to do, never why a password was wrong. */
public final class NotAuthenticatedException extends RuntimeException {

    public NotAuthenticatedException(String message) {
        super(message);
    }
}
