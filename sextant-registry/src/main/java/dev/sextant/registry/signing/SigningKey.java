package dev.sextant.registry.signing;

import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** An Ed25519 key pair that signs package digests: the server's own, or one a user brings. */
public final class SigningKey {
    private static final String PREFIX = "sextant-model-package-v1\n";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static SigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(PackageSignature.ED25519);
            generator.initialize(255, random);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no Ed25519", e);
        }
    }

    /** A PKCS#8 PEM Ed25519 private key, as {@code openssl genpkey -algorithm ed25519} writes it. */
    public static SigningKey fromPem(String pem, String shownAs) {
        try {
            byte[] der = Pem.decode(pem, "PRIVATE KEY");
            KeyFactory factory = KeyFactory.getInstance(PackageSignature.ED25519);
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningKey(key, derivePublic(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw SextantException.invalid(shownAs + " is not a PKCS#8 PEM Ed25519 private key ("
                    + e.getMessage() + "). Create one with 'openssl genpkey -algorithm ed25519 -out key.pem'.");
        }
    }

    public String toPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId(publicKey);
    }

    public PackageSignature sign(String packageDigest, String signer, long now) {
        try {
            Signature signature = Signature.getInstance(PackageSignature.ED25519);
            signature.initSign(privateKey);
            signature.update(statement(packageDigest));
            return new PackageSignature(packageDigest, keyId(), PackageSignature.ED25519,
                    Base64.getEncoder().encodeToString(signature.sign()), signer, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The bytes a signature covers: a fixed label and the package digest. */
    public static byte[] statement(String packageDigest) {
        return (PREFIX + packageDigest + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code ed25519:} and the first 16 hex digits of the SHA-256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "ed25519:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKeyFromPem(String pem, String shownAs) {
        try {
            return KeyFactory.getInstance(PackageSignature.ED25519)
                    .generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw SextantException.invalid(shownAs + " is not a PEM Ed25519 public key (" + e.getMessage()
                    + "). Export one with 'openssl pkey -in key.pem -pubout'.");
        }
    }

    public String publicKeyPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * The public key of an Ed25519 private key: the JDK does not expose the derivation, so the
     * seed is fed to a generator whose randomness returns exactly it (RFC 8032 keys are the seed).
     */
    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key has no seed bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(PackageSignature.ED25519);
        generator.initialize(255, new FixedBytes(seed));
        return generator.generateKeyPair().getPublic();
    }

    /** Randomness that yields one fixed seed: used only to derive a public key from its private seed. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
        }
    }
}
