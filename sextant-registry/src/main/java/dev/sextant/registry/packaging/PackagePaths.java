package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;

/** Rules for file paths inside a package: relative, '/'-separated, never leaving the package. */
final class PackagePaths {
    private PackagePaths() {
    }

    static String requireRelative(String path) {
        String problem = path.isEmpty() ? "it is empty"
                : path.startsWith("/") ? "absolute paths are not allowed"
                : path.indexOf('\\') >= 0 ? "backslashes are not allowed; use '/'"
                : path.indexOf('\0') >= 0 ? "NUL characters are not allowed"
                : "";
        if (problem.isEmpty()) {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    problem = "empty, '.' and '..' segments are not allowed";
                }
            }
        }
        if (!problem.isEmpty()) {
            throw SextantException.invalid("Invalid model file path '" + path + "': " + problem + ".");
        }
        return path;
    }
}
