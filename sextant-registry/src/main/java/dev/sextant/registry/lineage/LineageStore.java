package dev.sextant.registry.lineage;

import dev.sextant.tracking.Dataset;
import java.util.List;

/** The lineage query tracking's port does not answer: which runs consumed a dataset version. */
public interface LineageStore {

    /** Every run input of a dataset with this digest, in any experiment, oldest run first. */
    List<DatasetUse> usesOfDataset(String digest);

    /** A run that used the dataset, with the dataset as that run recorded it and the input's context tag. */
    record DatasetUse(String runId, Dataset dataset, String context) {
    }
}
