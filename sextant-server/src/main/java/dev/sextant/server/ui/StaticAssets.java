package dev.sextant.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads UI files and WebJar files from the classpath once and keeps them. Paths are checked before
 * they touch the class loader: no {@code ..}, no empty or hidden segments, no backslashes.
 */
final class StaticAssets {
    private static final Pattern WEBJAR_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** WebJars are published under these groups; the pom.properties of the one on the classpath names its version. */
    private static final List<String> WEBJAR_GROUPS = List.of("org.webjars.npm", "org.webjars", "org.webjars.bower");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "json", "application/json", "map", "application/json", "txt", "text/plain; charset=utf-8");

    private static final Asset MISSING = new Asset(new byte[0], "", "");

    private final ClassLoader loader;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> webJarVersions = new ConcurrentHashMap<>();

    StaticAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The classpath file {@code resourcePath}; 404 when it is absent, unsafe, or of a type the UI
     * does not serve (which also keeps directory listings out).
     */
    Optional<Asset> file(String resourcePath) {
        if (!safe(resourcePath) || contentType(resourcePath).isEmpty()) {
            return Optional.empty();
        }
        Asset asset = cache.computeIfAbsent(resourcePath, this::load);
        return asset == MISSING ? Optional.empty() : Optional.of(asset);
    }

    /** {@code path} inside the WebJar {@code name}, whichever version of it is on the classpath. */
    Optional<Asset> webJar(String name, String path) {
        if (!WEBJAR_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return webJarVersions.computeIfAbsent(name, this::webJarVersion)
                .flatMap(version -> file("META-INF/resources/webjars/" + name + "/" + version + "/" + path));
    }

    private Asset load(String resourcePath) {
        try (InputStream in = loader.getResourceAsStream(resourcePath)) {
            return in == null ? MISSING : Asset.of(in.readAllBytes(), contentType(resourcePath));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resourcePath + " from the classpath", e);
        }
    }

    private Optional<String> webJarVersion(String name) {
        for (String group : WEBJAR_GROUPS) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + name + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return Optional.ofNullable(properties.getProperty("version")).filter(StaticAssets::safeSegment);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the version of WebJar " + name, e);
            }
        }
        return Optional.empty();
    }

    static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!safeSegment(segment)) {
                return false;
            }
        }
        return true;
    }

    private static boolean safeSegment(String segment) {
        return !segment.isEmpty() && !segment.startsWith(".");
    }

    /** The Content-Type of a served file, or "" for a file the UI does not serve. */
    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "");
    }
}
