package dev.switchboard.cases;

/** The change was based on an older version of the case than the one stored: 412. */
public final class StaleVersionException extends RuntimeException {

    private final int current;

    public StaleVersionException(long id, int sent, int current) {
        this("Case", id, sent, current);
    }

    /** @param thing what changed, e.g. "Account" */
    public StaleVersionException(String thing, long id, int sent, int current) {
        super(thing + " " + id + " changed since you loaded it (you sent version " + sent + ", it is now at version "
                + current + "); reload it and try again.");
        this.current = current;
    }

    public int current() {
        return current;
    }
}
