package dev.sextant.tracking;

import java.util.List;

/** A dataset used by a run, with input tags such as {@code mlflow.data.context=training}. */
public record DatasetInput(List<Tag> tags, Dataset dataset) {

    public DatasetInput {
        tags = List.copyOf(tags);
    }
}
