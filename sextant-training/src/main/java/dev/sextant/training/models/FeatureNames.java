package dev.sextant.training.models;

/**
 * Tribuo numbers features by sorting their names, so feature {@code i} is named with a
 * zero-padded index: Tribuo's ids then equal our column positions in the feature vector.
 */
public final class FeatureNames {
    private static final int DIGITS = 6;

    private FeatureNames() {
    }

    public static String of(int index) {
        String digits = Integer.toString(index);
        return "f" + "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
    }

    public static String[] first(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = of(i);
        }
        return names;
    }

    public static int indexOf(String name) {
        return Integer.parseInt(name.substring(1));
    }
}
