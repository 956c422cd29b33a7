/** Model runtimes: ONNX Runtime sessions loaded only after every file digest of a model package is verified. */
package dev.sextant.serving;
