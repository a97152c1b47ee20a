package dev.switchboard.telephony;

import java.util.Set;

/**
 * The AMI classes Switchboard's manager.conf login needs, and no more (asterisk-config/manager.conf
 * explains each; a test holds the file to these).
 */
public final class AmiPrivileges {

    /**
     * Events: call (Newchannel, NewCallerid, Hangup, OriginateResponse), agent (queue callers and
     * members), user (the IVR's UserEvent), dialplan (VarSet).
     */
    public static final Set<String> READ = Set.of("call", "agent", "user", "dialplan");

    /** Actions: originate (callbacks), agent (QueuePause), reporting (CoreShowChannels, CoreSettings). */
    public static final Set<String> WRITE = Set.of("originate", "agent", "reporting");

    private AmiPrivileges() {
    }
}
