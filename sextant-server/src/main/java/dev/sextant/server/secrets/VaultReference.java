package dev.sextant.server.secrets;

import dev.sextant.api.SextantException;

/**
 * A value in HashiCorp Vault's KV version 2 engine: {@code vault:<mount>/<path>#<key>}, e.g.
 * {@code vault:secret/sextant/db#password} reads key {@code password} of secret {@code sextant/db}
 * in the engine mounted at {@code secret}.
 */
public record VaultReference(String mount, String path, String key) {
    public static final String PREFIX = "vault:";

    public static VaultReference parse(String text) {
        String body = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        int hash = body.lastIndexOf('#');
        int slash = body.indexOf('/');
        if (hash < 0 || slash <= 0 || slash > hash - 2 || hash == body.length() - 1) {
            throw SextantException.invalid("Vault reference '" + text + "' must look like vault:<mount>/<path>#<key>,"
                    + " e.g. vault:secret/sextant/db#password.");
        }
        return new VaultReference(body.substring(0, slash), body.substring(slash + 1, hash), body.substring(hash + 1));
    }

    /** The KV v2 read endpoint: the engine puts {@code data/} between the mount and the path. */
    String apiPath() {
        return "/v1/" + mount + "/data/" + path;
    }

    @Override
    public String toString() {
        return PREFIX + mount + "/" + path + "#" + key;
    }
}
