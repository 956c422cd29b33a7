package dev.sextant.tracking.search;

/** What a filter or order-by clause refers to: {@code metrics.acc}, {@code params.lr}, {@code attributes.status}, … */
public enum Entity {
    METRIC, PARAM, TAG, ATTRIBUTE, DATASET
}
