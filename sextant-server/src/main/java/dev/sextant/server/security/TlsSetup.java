package dev.sextant.server.security;

import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.TlsConfig;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server's TLS from a PEM certificate chain and PKCS#8 private key (plain or encrypted),
 * or from a PKCS#12 / JKS keystore. Problems are configuration errors naming the key to fix.
 */
public final class TlsSetup {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsSetup() {
    }

    public static Optional<Tls> of(TlsConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        KeyStore keys = config.keystore().isEmpty() ? fromPem(config) : fromKeystore(config);
        char[] password = config.keystore().isEmpty() ? NO_PASSWORD : config.keystorePassword().reveal().toCharArray();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return Optional.of(Tls.builder().sslContext(context).build());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(config.keystore().isEmpty() ? "tls.private-key" : "tls.keystore-password",
                    "Cannot use the configured TLS key: " + e.getMessage() + ".");
        }
    }

    private static KeyStore fromKeystore(TlsConfig config) {
        Path path = Path.of(config.keystore());
        char[] password = config.keystorePassword().reveal().toCharArray();
        for (String type : List.of("PKCS12", "JKS")) {
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, password);
                return store;
            } catch (IOException e) {
                if (!Files.isReadable(path)) {
                    throw new ConfigException("tls.keystore", "tls.keystore " + path + " cannot be read. Fix the path.");
                }
                if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                    break;
                }
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new ConfigException("tls.keystore", "tls.keystore " + path + " is not a PKCS#12 or JKS keystore that "
                + "opens with tls.keystore-password. Check the file and the password.");
    }

    private static KeyStore fromPem(TlsConfig config) {
        try {
            List<? extends Certificate> chain = certificates(Path.of(config.certificate()));
            PrivateKey key = privateKey(Path.of(config.privateKey()), config.privateKeyPassword().reveal());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("tls.certificate", "Cannot build the TLS key store from tls.certificate and "
                    + "tls.private-key: " + e.getMessage() + ".");
        }
    }

    private static List<? extends Certificate> certificates(Path path) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (chain.isEmpty()) {
                throw new ConfigException("tls.certificate", "tls.certificate " + path + " holds no certificate.");
            }
            return chain;
        } catch (IOException e) {
            throw new ConfigException("tls.certificate", "tls.certificate " + path + " cannot be read. Fix the path.");
        }
    }

    private static PrivateKey privateKey(Path path, String password) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException("tls.private-key", "tls.private-key " + path + " cannot be read. Fix the path.");
        }
        boolean encrypted = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (!encrypted && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new ConfigException("tls.private-key", "tls.private-key " + path + " is not a PKCS#8 PEM key "
                    + "(BEGIN PRIVATE KEY). Convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem'.");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        PKCS8EncodedKeySpec spec;
        if (encrypted) {
            if (password.isEmpty()) {
                throw new ConfigException("tls.private-key-password", "tls.private-key " + path + " is encrypted; set "
                        + "tls.private-key-password.");
            }
            EncryptedPrivateKeyInfo info;
            try {
                info = new EncryptedPrivateKeyInfo(der);
            } catch (IOException e) {
                throw new ConfigException("tls.private-key", "tls.private-key " + path + " is not a valid encrypted key.");
            }
            SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
            spec = info.getKeySpec(factory.generateSecret(new PBEKeySpec(password.toCharArray())));
        } else {
            spec = new PKCS8EncodedKeySpec(der);
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ConfigException("tls.private-key", "tls.private-key " + path + " is not an RSA, EC or Ed25519 key.");
    }
}
