package dev.sextant.data.version;

import dev.sextant.api.SextantException;
import java.util.OptionalLong;

/**
 * {@code datasets:/name/3} (one version) or {@code datasets:/name@latest} (the newest one when
 * the URI is resolved).
 *
 * @param version empty for {@code @latest}
 */
public record DatasetUri(String name, OptionalLong version) {
    public static final String SCHEME = "datasets:/";
    private static final String LATEST = "@latest";

    public static boolean isDatasetUri(String text) {
        return text.startsWith(SCHEME);
    }

    public static String of(String name, long version) {
        return SCHEME + name + "/" + version;
    }

    public static DatasetUri parse(String text) {
        if (!isDatasetUri(text)) {
            throw invalid(text);
        }
        String rest = text.substring(SCHEME.length());
        if (rest.endsWith(LATEST)) {
            return new DatasetUri(DatasetNames.require(rest.substring(0, rest.length() - LATEST.length())),
                    OptionalLong.empty());
        }
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            throw invalid(text);
        }
        String number = rest.substring(slash + 1);
        if (!number.matches("[1-9][0-9]{0,17}")) {
            throw invalid(text);
        }
        return new DatasetUri(DatasetNames.require(rest.substring(0, slash)), OptionalLong.of(Long.parseLong(number)));
    }

    @Override
    public String toString() {
        return version.isPresent() ? of(name, version.getAsLong()) : SCHEME + name + LATEST;
    }

    private static SextantException invalid(String text) {
        return SextantException.invalid("'" + text + "' is not a dataset version URI: write datasets:/NAME/VERSION "
                + "(e.g. datasets:/holdout/2) or datasets:/NAME@latest.");
    }
}
