package dev.switchboard.telephony;

/** Where one AMI connection is. Only {@link #UP} means live state can be trusted. */
public enum LinkState {
    /** Not yet connected, or waiting for the next attempt. */
    DOWN,
    /** TCP connected, logging in. */
    CONNECTING,
    /** Logged in, asking QueueStatus and CoreShowChannels before trusting live state. */
    RESYNCING,
    /** Logged in, resynchronised, watched by the watchdog. */
    UP
}
