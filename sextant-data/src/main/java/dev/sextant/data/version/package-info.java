/**
 * Dataset versions: named, numbered, immutable snapshots of a data file whose bytes are kept in
 * the artifact store under their SHA-256, with the schema and row count the reader found. The
 * same bytes pushed again are the same version; evaluation and lineage refer to versions by
 * their URI, {@code datasets:/name/3}.
 */
package dev.sextant.data.version;
