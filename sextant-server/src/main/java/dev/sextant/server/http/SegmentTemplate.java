package dev.sextant.server.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path template made of literal segments and whole-segment parameters ({@code /v2/models/{name}/infer}),
 * matched segment by segment. The web server's own matcher compiles every template to a regular
 * expression and runs it on each request it tries, which was a visible share of a small
 * prediction request; this one compares strings and matches exactly what that expression
 * ({@code [^/]+} per parameter) does. Templates with other syntax keep the web server's matcher
 * ({@link #of} says which).
 */
final class SegmentTemplate implements PathMatcher {
    private static final String COMPONENT = "http/path";

    private final String template;
    /** Per segment: the literal text, or null where a parameter stands. */
    private final String[] literals;
    /** Per segment: the parameter's name, or null for a literal. */
    private final String[] names;
    /** The web server's matcher of the same template, for prefix matching only. */
    private final PathMatcher prefixes;

    private SegmentTemplate(String template, String[] literals, String[] names) {
        this.template = template;
        this.literals = literals;
        this.names = names;
        this.prefixes = PathMatchers.pattern(template);
    }

    /** The matcher for a path pattern: this one when the pattern is plain segments, else the web server's. */
    static PathMatcher of(String pattern) {
        return parse(pattern).map(PathMatcher.class::cast).orElseGet(() -> PathMatchers.create(pattern));
    }

    static Optional<SegmentTemplate> parse(String pattern) {
        if (!pattern.startsWith("/") || pattern.length() < 2 || pattern.endsWith("/")
                || !pattern.contains("{") || pattern.contains("[") || pattern.contains("*") || pattern.contains("\\")) {
            return Optional.empty();
        }
        String[] segments = pattern.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] names = new String[segments.length];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || seen.contains(name)) {
                    return Optional.empty();
                }
                seen.add(name);
                names[i] = name;
            } else if (segment.contains("{") || segment.contains("}")) {
                return Optional.empty();
            } else {
                literals[i] = segment;
            }
        }
        return Optional.of(new SegmentTemplate(pattern, literals, names));
    }

    @Override
    public PathMatchers.MatchResult match(UriPath uriPath) {
        String path = uriPath.path();
        if (path.isEmpty() || path.charAt(0) != '/') {
            return PathMatchers.MatchResult.notAccepted();
        }
        Map<String, String> params = null;
        int start = 1;
        for (int i = 0; i < literals.length; i++) {
            int end = path.indexOf('/', start);
            boolean last = i == literals.length - 1;
            if (last ? end >= 0 : end < 0) {
                return PathMatchers.MatchResult.notAccepted();
            }
            if (last) {
                end = path.length();
            }
            if (literals[i] != null) {
                if (end - start != literals[i].length() || !path.startsWith(literals[i], start)) {
                    return PathMatchers.MatchResult.notAccepted();
                }
            } else {
                if (end == start) {
                    return PathMatchers.MatchResult.notAccepted();
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(names[i], path.substring(start, end));
            }
            start = end + 1;
        }
        return new PathMatchers.MatchResult(true, new Matched(uriPath,
                Parameters.createSingleValueMap(COMPONENT, params == null ? Map.of() : params)));
    }

    /** Only used when a family is registered below a template, which no family is: left to the web server. */
    @Override
    public PathMatchers.PrefixMatchResult prefixMatch(UriPath uriPath) {
        return prefixes.prefixMatch(uriPath);
    }

    @Override
    public Optional<String> matchingElement() {
        return Optional.of(template);
    }

    @Override
    public String toString() {
        return "segments: " + template;
    }

    /** A matched path and its parameters. */
    private record Matched(UriPath uri, Parameters pathParameters) implements RoutedPath {
        @Override
        public String rawPath() {
            return uri.rawPath();
        }

        @Override
        public String rawPathNoParams() {
            return uri.rawPathNoParams();
        }

        @Override
        public String path() {
            return uri.path();
        }

        @Override
        public Parameters matrixParameters() {
            return uri.matrixParameters();
        }

        @Override
        public void validate() {
            uri.validate();
        }

        @Override
        public List<io.helidon.common.uri.UriPathSegment> segments() {
            return uri.segments();
        }

        @Override
        public RoutedPath absolute() {
            return new Matched(uri.absolute(), pathParameters);
        }
    }
}
