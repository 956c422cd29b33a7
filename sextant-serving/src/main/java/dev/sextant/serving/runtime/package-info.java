/**
 * The model runtime: loads a model package into ONNX Runtime after verifying every file against
 * the digests the registry recorded, shares sessions by package digest, validates inputs against
 * the model and turns outputs (tensors, ZipMap label → probability maps) into plain values.
 * <pre>{@code
 * try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
 *      LoadedModel model = runtime.load(modelPackage, recordedManifest)) {
 *     InferenceOutputs out = model.predict(InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5.1f, 3.5f)));
 * }
 * }</pre>
 */
package dev.sextant.serving.runtime;
