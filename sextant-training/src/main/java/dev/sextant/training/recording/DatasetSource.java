package dev.sextant.training.recording;

/**
 * Where the training data came from, as the run's dataset input records it: MLflow's source type
 * and the URI a reader can find the data at again.
 */
public record DatasetSource(String type, String uri) {
    /** MLflow source type of a Sextant dataset version; lineage reads run inputs of this type. */
    public static final String DATASET_VERSION_TYPE = "sextant_dataset";

    /** A file on the file system the trainer ran on. */
    public static DatasetSource localFile(String path) {
        return new DatasetSource("local", path);
    }

    /** A dataset version on the server, named by its URI ({@code datasets:/train/4}). */
    public static DatasetSource datasetVersion(String uri) {
        return new DatasetSource(DATASET_VERSION_TYPE, uri);
    }
}
