package dev.sextant.registry.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public keys whose signatures are accepted: the server's own and those users bring. */
public final class TrustedKeys {
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();

    public TrustedKeys(List<PublicKey> trusted) {
        trusted.forEach(key -> keys.put(SigningKey.keyId(key), key));
    }

    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** The best verdict among the signatures of a digest: valid beats untrusted beats invalid beats none. */
    public SignatureCheck check(String packageDigest, List<PackageSignature> signatures) {
        SignatureCheck best = new SignatureCheck.Missing();
        for (PackageSignature candidate : signatures) {
            if (!candidate.packageDigest().equals(packageDigest)) {
                continue;
            }
            SignatureCheck check = check(packageDigest, candidate);
            if (check.valid()) {
                return check;
            }
            if (best instanceof SignatureCheck.Missing || check instanceof SignatureCheck.UntrustedKey) {
                best = check;
            }
        }
        return best;
    }

    private SignatureCheck check(String packageDigest, PackageSignature candidate) {
        Optional<PublicKey> key = find(candidate.keyId());
        if (key.isEmpty() || !PackageSignature.ED25519.equals(candidate.algorithm())) {
            return new SignatureCheck.UntrustedKey(candidate.keyId());
        }
        try {
            Signature verifier = Signature.getInstance(PackageSignature.ED25519);
            verifier.initVerify(key.get());
            verifier.update(SigningKey.statement(packageDigest));
            return verifier.verify(Base64.getDecoder().decode(candidate.signature()))
                    ? new SignatureCheck.Valid(candidate.keyId(), candidate.signer())
                    : new SignatureCheck.Invalid(candidate.keyId());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new SignatureCheck.Invalid(candidate.keyId());
        }
    }
}
