package dev.sextant.data.table;

import java.util.BitSet;

/** The missing-value mask shared by every column kind. */
record Nulls(BitSet mask) {

    Nulls {
        mask = (BitSet) mask.clone();
    }

    boolean at(int row) {
        return mask.get(row);
    }
}
