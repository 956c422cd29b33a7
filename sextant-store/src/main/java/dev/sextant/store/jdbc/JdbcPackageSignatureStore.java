package dev.sextant.store.jdbc;

import dev.sextant.registry.signing.PackageSignature;
import dev.sextant.registry.signing.PackageSignatureStore;
import java.util.List;

/** Package signatures in {@code package_signatures}. */
final class JdbcPackageSignatureStore implements PackageSignatureStore {
    private final Transactor tx;

    JdbcPackageSignatureStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void put(PackageSignature signature) {
        tx.writeVoid(handle -> {
            handle.createUpdate("DELETE FROM package_signatures WHERE package_digest = :digest AND key_id = :key")
                    .bind("digest", signature.packageDigest())
                    .bind("key", signature.keyId())
                    .execute();
            handle.createUpdate("INSERT INTO package_signatures (package_digest, key_id, algorithm, signature, signer,"
                            + " created_at) VALUES (:digest, :key, :algorithm, :signature, :signer, :created)")
                    .bind("digest", signature.packageDigest())
                    .bind("key", signature.keyId())
                    .bind("algorithm", signature.algorithm())
                    .bind("signature", signature.signature())
                    .bind("signer", signature.signer())
                    .bind("created", signature.createdAt())
                    .execute();
        });
    }

    @Override
    public List<PackageSignature> find(String packageDigest) {
        return tx.read(handle -> handle.createQuery("SELECT package_digest, key_id, algorithm, signature, signer, created_at"
                        + " FROM package_signatures WHERE package_digest = :digest ORDER BY created_at, key_id")
                .bind("digest", packageDigest)
                .map((rs, ctx) -> new PackageSignature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .list());
    }
}
