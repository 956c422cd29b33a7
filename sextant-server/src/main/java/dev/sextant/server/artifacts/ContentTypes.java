package dev.sextant.server.artifacts;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** A Content-Type for a download, from the file name; text types get an explicit charset. */
final class ContentTypes {
    private static final String DEFAULT = "application/octet-stream";
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"), Map.entry("yaml", "application/x-yaml"),
            Map.entry("yml", "application/x-yaml"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("parquet", DEFAULT), Map.entry("onnx", DEFAULT), Map.entry("pkl", DEFAULT));

    private ContentTypes() {
    }

    static String of(String fileName) {
        if (fileName.equals("MLmodel")) {
            return "text/plain; charset=utf-8";
        }
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = KNOWN.get(extension);
        if (type == null) {
            type = URLConnection.guessContentTypeFromName(fileName);
        }
        if (type == null) {
            return DEFAULT;
        }
        return type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }
}
