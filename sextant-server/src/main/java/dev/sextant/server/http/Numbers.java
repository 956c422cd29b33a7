package dev.sextant.server.http;

/** Number parsing for values that arrive as text (query strings, proto-JSON strings). */
public final class Numbers {

    private Numbers() {
    }

    /** A double from text; NaN and ±Infinity by name, as MLflow clients send them; 400 otherwise. */
    public static double parseDouble(String name, String text) {
        String trimmed = text.trim();
        switch (trimmed) {
            case "NaN", "nan" -> {
                return Double.NaN;
            }
            case "Infinity", "inf", "+Infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Infinity", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(trimmed);
                } catch (NumberFormatException e) {
                    throw ParameterErrors.invalid(name, '"' + text + '"', "str");
                }
            }
        }
    }
}
