package dev.sextant.server.config;

/**
 * HTTPS: either a PEM certificate chain and private key, or a PKCS#12 / JKS keystore. Paths are ""
 * when not set; with neither, the server speaks plain HTTP.
 */
public record TlsConfig(String certificate, String privateKey, Secret privateKeyPassword, String keystore,
                        Secret keystorePassword) {

    public TlsConfig {
        boolean pem = !certificate.isEmpty() || !privateKey.isEmpty();
        if (pem && !keystore.isEmpty()) {
            throw new ConfigException("tls.keystore", "Both tls.keystore and tls.certificate/tls.private-key are set. "
                    + "Configure HTTPS with one of them.");
        }
        if (pem && (certificate.isEmpty() || privateKey.isEmpty())) {
            throw new ConfigException(certificate.isEmpty() ? "tls.certificate" : "tls.private-key",
                    "HTTPS with PEM files needs both tls.certificate (the certificate chain) and tls.private-key.");
        }
    }

    public static TlsConfig none() {
        return new TlsConfig("", "", Secret.empty(), "", Secret.empty());
    }

    public boolean enabled() {
        return !certificate.isEmpty() || !keystore.isEmpty();
    }
}
