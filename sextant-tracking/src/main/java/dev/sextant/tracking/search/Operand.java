package dev.sextant.tracking.search;

import java.util.List;

/** The right-hand side of a comparison. */
public sealed interface Operand {

    record Text(String value) implements Operand {
    }

    record Number(double value) implements Operand {
    }

    record TextList(List<String> values) implements Operand {
        public TextList {
            values = List.copyOf(values);
        }
    }
}
