package dev.sextant.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from (filtered in by Maven). */
final class ServerVersion {
    private static final String VERSION = read();

    private ServerVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
