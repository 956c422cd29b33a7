package dev.sextant.serving.inferencelog;

import dev.sextant.api.SextantException;
import java.nio.file.Path;

/**
 * Where and how much the inference log writes.
 *
 * @param directory where the JSON-lines files go (created when missing)
 * @param sampleRate share of requests logged, from 0 (none) to 1 (all)
 * @param queueCapacity records waiting for the writer; beyond it records are dropped and counted
 * @param maxFileBytes a file is closed and a new one started beyond this size
 * @param maxFiles the oldest files beyond this count are deleted
 */
public record InferenceLogOptions(Path directory, double sampleRate, int queueCapacity, long maxFileBytes, int maxFiles) {

    public InferenceLogOptions {
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw SextantException.invalid("The inference log sample rate must be from 0 to 1; got " + sampleRate + ".");
        }
        if (queueCapacity < 1 || maxFileBytes < 1024 || maxFiles < 1) {
            throw SextantException.invalid("The inference log needs a queue of at least 1, files of at least 1024 bytes "
                    + "and at least 1 file.");
        }
    }

    public static InferenceLogOptions defaults(Path directory) {
        return new InferenceLogOptions(directory, 0.05, 10_000, 64L * 1024 * 1024, 20);
    }

    public InferenceLogOptions withSampleRate(double rate) {
        return new InferenceLogOptions(directory, rate, queueCapacity, maxFileBytes, maxFiles);
    }

    public InferenceLogOptions withQueueCapacity(int capacity) {
        return new InferenceLogOptions(directory, sampleRate, capacity, maxFileBytes, maxFiles);
    }

    public InferenceLogOptions withMaxFileBytes(long bytes) {
        return new InferenceLogOptions(directory, sampleRate, queueCapacity, bytes, maxFiles);
    }

    public InferenceLogOptions withMaxFiles(int files) {
        return new InferenceLogOptions(directory, sampleRate, queueCapacity, maxFileBytes, files);
    }
}
