package dev.switchboard.web;

import dev.switchboard.config.HttpConfig;
import dev.switchboard.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

import javax.net.ssl.X509KeyManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A PEM certificate chain and its private key as read from the two files of
 * {@code SWITCHBOARD_TLS_CERT} and {@code SWITCHBOARD_TLS_KEY}, checked before it is served: the
 * chain must hold a certificate, the key must be one Vert.x can read, and the key must be the one
 * the first certificate was issued for (a renewal caught between writing the two files is not).
 */
public final class TlsCertificate {

    private final byte[] certificate;
    private final byte[] privateKey;

    TlsCertificate(byte[] certificate, byte[] privateKey) {
        this.certificate = certificate.clone();
        this.privateKey = privateKey.clone();
    }

    /** Reads both files as they are now; blocking. */
    static TlsCertificate read(HttpConfig.Tls files) {
        return new TlsCertificate(bytes(files.certificate(), Settings.TLS_CERT.env()),
                bytes(files.privateKey(), Settings.TLS_KEY.env()));
    }

    private static byte[] bytes(java.nio.file.Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unusable(setting + " names " + file + ", which cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The options for Vert.x, with the files' contents (not their paths: the files may change later). */
    PemKeyCertOptions options() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate)).setKeyValue(Buffer.buffer(privateKey));
    }

    /** The certificate the clients see, once {@link #check} has passed. */
    X509Certificate first() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificate)).iterator().next();
        } catch (Exception e) {
            throw new Unusable(Settings.TLS_CERT.env() + " holds no PEM certificate (" + e.getMessage() + ")");
        }
    }

    /** Throws {@link Unusable}, naming the setting to fix, unless this pair can be served. */
    TlsCertificate check(Vertx vertx) {
        X509Certificate served = first();
        PrivateKey key;
        try {
            PemKeyCertOptions options = options();
            X509KeyManager keys = (X509KeyManager) options.getKeyManagerFactory(vertx).getKeyManagers()[0];
            List<String> aliases = Collections.list(options.loadKeyStore(vertx).aliases());
            key = keys.getPrivateKey(aliases.get(0));
        } catch (Exception e) {
            throw new Unusable(Settings.TLS_KEY.env() + " holds no PEM private key Switchboard can read ("
                    + e.getMessage() + ")");
        }
        if (!belongTogether(key, served.getPublicKey())) {
            throw new Unusable(Settings.TLS_KEY.env() + " is not the private key of the certificate in "
                    + Settings.TLS_CERT.env() + " (" + served.getSubjectX500Principal().getName() + ")");
        }
        return this;
    }

    /** Signs a few bytes with the key and checks the signature with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the key's own name is its signature's
        };
        byte[] probe = "switchboard certificate check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    /** Same contents as another reading of the files. */
    boolean sameAs(TlsCertificate other) {
        return other != null && Arrays.equals(certificate, other.certificate) && Arrays.equals(privateKey, other.privateKey);
    }

    /** A certificate or key that cannot be served; the message names the setting and never holds the key. */
    public static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }
}
