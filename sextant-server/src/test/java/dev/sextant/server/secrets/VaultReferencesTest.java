package dev.sextant.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.SextantConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration values read from Vault KV v2 with a token or AppRole, and failures that name what to fix. */
class VaultReferencesTest {
    private static final String DB_PASSWORD = "s3cr3t-db-password-from-vault";
    private static final String ADMIN = "admin-token-from-vault-0123456789abcdef";
    private static final String VAULT_TOKEN = "hvs.test-root-token";

    private VaultKvServer vault;

    @BeforeEach
    void startVault() throws Exception {
        vault = VaultKvServer.start("team-ml").token(VAULT_TOKEN).appRole("role-123", "secret-456")
                .put("secret", "sextant/db", Map.of("password", DB_PASSWORD, "user", "sextant"))
                .put("kv", "sextant/admin", Map.of("token", ADMIN));
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("VAULT_ADDR", vault.address(),
                "SEXTANT_VAULT_NAMESPACE", "team-ml"));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void tokenLoginReadsEveryReferenceAndEachSecretOnce() {
        SextantConfig config = ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password",
                "store.user", "${vault:secret/sextant/db#user}"),
                env("VAULT_TOKEN", VAULT_TOKEN, "SEXTANT_ADMIN_TOKEN", "vault:kv/sextant/admin#token"));

        assertThat(config.storePassword().reveal()).isEqualTo(DB_PASSWORD);
        assertThat(config.storeUser()).isEqualTo("sextant");
        assertThat(config.security().adminToken().reveal()).isEqualTo(ADMIN);
        assertThat(vault.reads()).isEqualTo(2);
        assertThat(config.describe().toString()).doesNotContain(DB_PASSWORD, ADMIN, VAULT_TOKEN);
        assertThat(config.toString()).doesNotContain(DB_PASSWORD, ADMIN);
    }

    @Test
    void appRoleLoginWorks() {
        SextantConfig config = ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password"),
                env("SEXTANT_VAULT_ROLE_ID", "role-123", "SEXTANT_VAULT_SECRET_ID", "secret-456"));
        assertThat(config.storePassword().reveal()).isEqualTo(DB_PASSWORD);
    }

    @Test
    void failuresNameTheKeyAndTheReferenceButNoSecret() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password"),
                env("VAULT_TOKEN", "hvs.wrong-token")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("store.password"))
                .hasMessageContaining("403").hasMessageContaining("vault:secret/sextant/db#password")
                .hasMessageNotContaining("hvs.wrong-token");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#nope"),
                env("VAULT_TOKEN", VAULT_TOKEN)))
                .hasMessageContaining("has no key 'nope'").hasMessageNotContaining(DB_PASSWORD);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/missing#x"),
                env("VAULT_TOKEN", VAULT_TOKEN)))
                .hasMessageContaining("no KV v2 secret at secret/missing");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password"),
                env("SEXTANT_VAULT_ROLE_ID", "role-123", "SEXTANT_VAULT_SECRET_ID", "wrong-secret-id")))
                .hasMessageContaining("AppRole login").hasMessageContaining("invalid role or secret ID")
                .hasMessageNotContaining("wrong-secret-id");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password"),
                Map.of("VAULT_TOKEN", VAULT_TOKEN)))
                .hasMessageContaining("no Vault address");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("vault.token", "vault:secret/sextant/db#password"),
                env()))
                .hasMessageContaining("cannot come from Vault");
    }

    @Test
    void unreachableVaultIsAClearError() {
        String address = vault.address();
        vault.close();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "vault:secret/sextant/db#password"),
                Map.of("VAULT_ADDR", address, "VAULT_TOKEN", VAULT_TOKEN)))
                .hasMessageContaining("Cannot reach Vault at " + address);
    }
}
