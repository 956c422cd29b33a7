package dev.sextant.training.recording;

import dev.sextant.tracking.Dataset;

/**
 * Where the training data came from, as the run's dataset input records it: MLflow's source type
 * and the URI a reader can find the data at again.
 */
public record DatasetSource(String type, String uri) {
    /** A file on the file system the trainer ran on. */
    public static DatasetSource localFile(String path) {
        return new DatasetSource("local", path);
    }

    /** A dataset version on the server, named by its URI ({@code datasets:/train/4}). */
    public static DatasetSource datasetVersion(String uri) {
        return new DatasetSource(Dataset.DATASET_VERSION_SOURCE_TYPE, uri);
    }
}
