package dev.sextant.store.jdbc;

import dev.sextant.api.audit.AuditLog;
import dev.sextant.api.security.GrantStore;
import dev.sextant.api.security.TokenStore;
import dev.sextant.registry.signing.PackageSignatureStore;

/** The security ports as implemented on the metadata database. */
public record SecurityStores(TokenStore tokens, GrantStore grants, AuditLog audit, PackageSignatureStore signatures) {
}
