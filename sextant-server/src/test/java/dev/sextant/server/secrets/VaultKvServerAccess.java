package dev.sextant.server.secrets;

import java.io.IOException;
import java.util.Map;

/** Opens {@link VaultKvServer} to tests in other packages: one token, one secret at secret/sextant. */
public final class VaultKvServerAccess implements AutoCloseable {
    private final VaultKvServer server;

    private VaultKvServerAccess(VaultKvServer server) {
        this.server = server;
    }

    public static VaultKvServerAccess start(String token, Map<String, String> secret) throws IOException {
        return new VaultKvServerAccess(VaultKvServer.start("").token(token).put("secret", "sextant", secret));
    }

    public String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
