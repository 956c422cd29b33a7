package dev.sextant.server.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Response pieces shared by the artifact proxy and the tracking artifact listings. */
public final class Downloads {

    private Downloads() {
    }

    /** An attachment disposition that survives any file name (RFC 6266 with an RFC 5987 fallback). */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                ascii.append('_');
                plain = false;
            } else {
                ascii.append(c);
            }
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        if (!plain) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }

    /** MLflow's FileInfo: {@code path}, {@code is_dir}, and {@code file_size} for files only. */
    public static void fileInfo(JsonGenerator json, String path, ArtifactEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", path);
        json.writeBooleanField("is_dir", entry.directory());
        if (!entry.directory()) {
            json.writeNumberField("file_size", entry.size());
        }
        json.writeEndObject();
    }
}
