package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.server.TestServer;
import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.Secret;
import dev.sextant.server.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a configured certificate: a PKCS#12 keystore, or PEM files, made by the JDK's keytool. */
class HttpsIT {
    private static final String PASSWORD = "keystore-pass-7781";

    @TempDir
    Path dir;

    private Path keystore;

    @BeforeEach
    void makeCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sextant", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void servesHttpsFromAKeystore() throws Exception {
        TlsConfig tls = new TlsConfig("", "", Secret.empty(), keystore.toString(), Secret.of(PASSWORD));
        try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withSecurity(c.security().withTls(tls)))) {
            assertThat(getOverTls(server.port())).isEqualTo(200);
            assertThatThrownBy(() -> plainHttp(server.port())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void servesHttpsFromPemFiles() throws Exception {
        KeyStore store = load();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("sextant").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("sextant", PASSWORD.toCharArray()).getEncoded()));
        TlsConfig tls = new TlsConfig(cert.toString(), key.toString(), Secret.empty(), "", Secret.empty());
        try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withSecurity(c.security().withTls(tls)))) {
            assertThat(getOverTls(server.port())).isEqualTo(200);
        }
    }

    @Test
    void badTlsSettingsAreConfigurationErrors() {
        TlsConfig wrongPassword = new TlsConfig("", "", Secret.empty(), keystore.toString(), Secret.of("nope"));
        assertThatThrownBy(() -> TestServer.start(dir.resolve("a"), c -> c.withSecurity(c.security().withTls(wrongPassword))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).startsWith("tls.keystore"))
                .hasMessageNotContaining("nope");
        assertThatThrownBy(() -> new TlsConfig("cert.pem", "", Secret.empty(), "", Secret.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.private-key");
        TlsConfig notPem = new TlsConfig(keystore.toString(), keystore.toString(), Secret.empty(), "", Secret.empty());
        assertThatThrownBy(() -> TestServer.start(dir.resolve("b"), c -> c.withSecurity(c.security().withTls(notPem))))
                .isInstanceOf(ConfigException.class);
    }

    private KeyStore load() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private int getOverTls(int port) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void plainHttp(int port) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}
