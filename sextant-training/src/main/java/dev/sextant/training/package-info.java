/** Built-in trainers: tabular models trained with Tribuo on a seeded split, exported to ONNX. */
package dev.sextant.training;
