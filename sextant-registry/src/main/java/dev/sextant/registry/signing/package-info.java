/**
 * Ed25519 signatures over model packages. What is signed is the package digest (a SHA-256 over
 * every file's SHA-256), so a signature vouches for exact bytes and survives renaming the model;
 * a version whose files still match the recorded digests and whose digest carries a signature by
 * a trusted key is fit to load.
 */
package dev.sextant.registry.signing;
