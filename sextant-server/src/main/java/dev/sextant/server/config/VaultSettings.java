package dev.sextant.server.config;

import dev.sextant.server.secrets.VaultClient;
import dev.sextant.server.secrets.VaultReference;
import java.net.URI;
import java.util.Map;

/**
 * Turns the {@code vault.*} keys (or Vault's own VAULT_ADDR / VAULT_TOKEN variables) into a client,
 * created on the first Vault reference so that servers without Vault never need its settings.
 */
final class VaultSettings implements References.VaultLookup {
    private final Map<ConfigKey, ConfigLoader.Value> values;
    private final Map<String, String> env;
    private VaultClient client;

    VaultSettings(Map<ConfigKey, ConfigLoader.Value> values, Map<String, String> env) {
        this.values = values;
        this.env = env;
    }

    @Override
    public String read(ConfigKey key, String origin, VaultReference reference) {
        try {
            return client(key).read(reference);
        } catch (VaultClient.VaultFailure e) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin + ": "
                    + e.getMessage());
        }
    }

    private VaultClient client(ConfigKey forKey) {
        if (client != null) {
            return client;
        }
        String address = setting(ConfigKey.VAULT_ADDRESS, "VAULT_ADDR");
        if (address.isEmpty()) {
            throw new ConfigException(forKey.key(), "Configuration '" + forKey.key() + "' refers to Vault, but no Vault "
                    + "address is configured. Set vault.address (SEXTANT_VAULT_ADDRESS) or VAULT_ADDR.");
        }
        URI uri;
        try {
            uri = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKey.VAULT_ADDRESS.key(), "Configuration 'vault.address' is '" + address
                    + "'. Set it to Vault's URL, e.g. https://vault.example.com:8200.");
        }
        String roleId = setting(ConfigKey.VAULT_ROLE_ID, "");
        String token = setting(ConfigKey.VAULT_TOKEN, "VAULT_TOKEN");
        VaultClient.Login login;
        if (!roleId.isEmpty()) {
            String secretId = setting(ConfigKey.VAULT_SECRET_ID, "");
            if (secretId.isEmpty()) {
                throw new ConfigException(ConfigKey.VAULT_SECRET_ID.key(), "vault.role-id is set but vault.secret-id is "
                        + "not. Set both for AppRole login, or neither and set vault.token.");
            }
            login = new VaultClient.Login.AppRole(setting(ConfigKey.VAULT_APPROLE_PATH, ""), roleId, secretId);
        } else if (!token.isEmpty()) {
            login = new VaultClient.Login.Token(token);
        } else {
            throw new ConfigException(forKey.key(), "Configuration '" + forKey.key() + "' refers to Vault, but no Vault "
                    + "credentials are configured. Set vault.token (or VAULT_TOKEN), or vault.role-id and vault.secret-id.");
        }
        client = new VaultClient(uri, setting(ConfigKey.VAULT_NAMESPACE, "VAULT_NAMESPACE"), login);
        return client;
    }

    private String setting(ConfigKey key, String vaultVariable) {
        String value = values.get(key).text().trim();
        if (value.isEmpty() && !vaultVariable.isEmpty()) {
            return env.getOrDefault(vaultVariable, "").trim();
        }
        return value;
    }
}
