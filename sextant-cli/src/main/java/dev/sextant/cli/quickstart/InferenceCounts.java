package dev.sextant.cli.quickstart;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own count of answered inference requests per model version of a deployment, read
 * from {@code sextant_inference_requests_total} in the Prometheus text of {@code /metrics}.
 */
final class InferenceCounts {
    private static final Pattern SAMPLE = Pattern.compile("^sextant_inference_requests_total\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VERSION = Pattern.compile("^models:/.+/(\\d+)$");

    private InferenceCounts() {
    }

    /** Requests answered with outcome {@code ok} by each version of {@code deployment}, whatever slot served them. */
    static Map<Long, Long> answered(String metrics, String deployment) {
        Map<Long, Long> counts = new TreeMap<>();
        metrics.lines().forEach(line -> {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                return;
            }
            Map<String, String> labels = labels(sample.group(1));
            Matcher version = VERSION.matcher(labels.getOrDefault("version", ""));
            if (deployment.equals(labels.get("deployment")) && "ok".equals(labels.get("outcome")) && version.matches()) {
                counts.merge(Long.parseLong(version.group(1)), (long) Double.parseDouble(sample.group(2)), Long::sum);
            }
        });
        return counts;
    }

    /** {@code after} minus {@code before}, per version, leaving out versions that answered nothing in between. */
    static Map<Long, Long> since(Map<Long, Long> before, Map<Long, Long> after) {
        Map<Long, Long> delta = new TreeMap<>();
        after.forEach((version, count) -> {
            long added = count - before.getOrDefault(version, 0L);
            if (added != 0) {
                delta.put(version, added);
            }
        });
        return delta;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
