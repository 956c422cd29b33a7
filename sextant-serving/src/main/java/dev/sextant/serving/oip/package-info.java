/**
 * Open Inference Protocol v2 (KServe v2) tensors in JSON: request inputs decoded into runtime
 * tensors, outputs encoded back. Transport-neutral: the HTTP layer parses and writes the bodies.
 */
package dev.sextant.serving.oip;
