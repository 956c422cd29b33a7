package dev.sextant.registry.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static String resource(String name) throws IOException {
        try (InputStream in = SigningKeyTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aSignatureVerifiesOnlyForItsDigestAndATrustedKey() {
        SigningKey key = SigningKey.generate(new SecureRandom());
        SigningKey stranger = SigningKey.generate(new SecureRandom());
        PackageSignature signature = key.sign(DIGEST, "alice", 1_000);
        TrustedKeys trusted = new TrustedKeys(List.of(key.publicKey()));

        assertThat(trusted.check(DIGEST, List.of(signature))).isEqualTo(new SignatureCheck.Valid(key.keyId(), "alice"));
        assertThat(trusted.check(DIGEST, List.of())).isInstanceOf(SignatureCheck.Missing.class);
        assertThat(trusted.check(DIGEST, List.of(stranger.sign(DIGEST, "eve", 1))))
                .isEqualTo(new SignatureCheck.UntrustedKey(stranger.keyId()));
        // The same signature presented for other bytes.
        String other = "sha256:" + "cd".repeat(32);
        PackageSignature moved = new PackageSignature(other, signature.keyId(), signature.algorithm(),
                signature.signature(), "alice", 1_000);
        assertThat(trusted.check(other, List.of(moved))).isEqualTo(new SignatureCheck.Invalid(key.keyId()));
        // One good signature among bad ones is enough.
        assertThat(trusted.check(DIGEST, List.of(stranger.sign(DIGEST, "eve", 1), signature)).valid()).isTrue();
    }

    @Test
    void keysMadeByOpensslLoadAndDeriveOpensslsPublicKey() throws IOException {
        SigningKey key = SigningKey.fromPem(resource("openssl-ed25519.pem"), "test key");
        assertThat(key.publicKeyPem().strip()).isEqualTo(resource("openssl-ed25519.pub.pem").strip());
        var publicKey = SigningKey.publicKeyFromPem(resource("openssl-ed25519.pub.pem"), "test public key");
        assertThat(new TrustedKeys(List.of(publicKey)).check(DIGEST, List.of(key.sign(DIGEST, "", 0))).valid()).isTrue();
    }

    @Test
    void pemRoundTripKeepsTheKey() {
        SigningKey key = SigningKey.generate(new SecureRandom());
        SigningKey again = SigningKey.fromPem(key.toPem(), "round trip");
        assertThat(again.keyId()).isEqualTo(key.keyId()).startsWith("ed25519:").hasSize(24);
    }

    @Test
    void notAKeyIsAClearError() {
        assertThatThrownBy(() -> SigningKey.fromPem("hello", "signing.key-file /x.pem"))
                .isInstanceOf(SextantException.class).hasMessageContaining("/x.pem")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
    }
}
