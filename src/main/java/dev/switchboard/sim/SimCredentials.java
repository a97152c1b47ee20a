package dev.switchboard.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one AMI login the simulator accepts; MD5 challenge or plain secret, as Asterisk does. */
public record SimCredentials(String user, String secret) {

    public boolean acceptsPlain(String user, String secret) {
        return this.user.equals(user) && MessageDigest.isEqual(bytes(this.secret), bytes(secret));
    }

    /** Asterisk's MD5 login: key = hex(md5(challenge + secret)). */
    public boolean acceptsKey(String user, String challenge, String key) {
        return this.user.equals(user) && challenge != null
                && MessageDigest.isEqual(bytes(md5Hex(challenge + secret)), bytes(key.toLowerCase()));
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(text)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SimCredentials[user=" + user + ", secret=***]";
    }
}
