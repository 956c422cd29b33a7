package dev.sextant.tracking.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryVersionTest {

    /** Loaded from jars built by the tests; it needs nothing but java.lang.Object. */
    static final class Marker {
    }

    @TempDir
    Path dir;

    @Test
    void readsMavenPomPropertiesWhenTheManifestHasNoVersion() throws Exception {
        Path jar = jar("plain.jar", new Manifest(), "7.8.9");
        assertThat(LibraryVersion.of(load(jar))).isEqualTo("7.8.9");
    }

    @Test
    void prefersTheManifestsBundleVersion() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.5.6.0");
        Path jar = jar("bundle.jar", manifest, "");
        assertThat(LibraryVersion.of(load(jar))).isEqualTo("1.5.6.0");
    }

    @Test
    void classesOutsideAnyJarAreDevelopmentBuilds() {
        assertThat(LibraryVersion.of(LibraryVersionTest.class)).isEqualTo(LibraryVersion.UNKNOWN);
    }

    private Path jar(String name, Manifest manifest, String pomVersion) throws IOException {
        Path jar = dir.resolve(name);
        String classFile = Marker.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream marker = Marker.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            marker.transferTo(out);
            if (!pomVersion.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/maven/org.example/marker/pom.properties"));
                out.write(("groupId=org.example\nartifactId=marker\nversion=" + pomVersion + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static Class<?> load(Path jar) throws Exception {
        // Not parent-first: the class must come from the jar, not from the test classes.
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return loader.loadClass(Marker.class.getName());
    }
}
