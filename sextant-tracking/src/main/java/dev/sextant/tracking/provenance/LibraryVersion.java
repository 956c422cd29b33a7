package dev.sextant.tracking.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The version of the library a class comes from. Many jars leave {@code Implementation-Version}
 * out of their manifest, so the jar's OSGi {@code Bundle-Version} and Maven's
 * {@code META-INF/maven/…/pom.properties} are read too.
 */
final class LibraryVersion {
    static final String UNKNOWN = "development";

    private LibraryVersion() {
    }

    static String of(Class<?> type) {
        String declared = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        if (declared != null && !declared.isBlank()) {
            return declared;
        }
        return jar(type).flatMap(LibraryVersion::fromJar).orElse(UNKNOWN);
    }

    private static Optional<Path> jar(Class<?> type) {
        try {
            if (type.getProtectionDomain().getCodeSource() == null) {
                return Optional.empty();
            }
            URL location = type.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromJar(Path path) {
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                Attributes main = manifest.getMainAttributes();
                for (String name : new String[] {"Implementation-Version", "Bundle-Version"}) {
                    String value = main.getValue(name);
                    if (value != null && !value.isBlank()) {
                        return Optional.of(value.strip());
                    }
                }
            }
            return pomVersion(jar);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> pomVersion(JarFile jar) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                Properties properties = new Properties();
                try (InputStream in = jar.getInputStream(entry)) {
                    properties.load(in);
                }
                String version = properties.getProperty("version", "");
                if (!version.isBlank()) {
                    return Optional.of(version.strip());
                }
            }
        }
        return Optional.empty();
    }
}
