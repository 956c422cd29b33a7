package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.data.version.DatasetInfo;
import dev.sextant.data.version.DatasetVersion;

/** JSON of datasets and dataset versions; snake_case like the rest of the native API. */
final class DatasetWire {

    private DatasetWire() {
    }

    static ObjectNode dataset(DatasetInfo d) {
        ObjectNode node = ReleaseWire.JSON.createObjectNode().put("name", d.name()).put("description", d.description())
                .put("created_by", d.createdBy()).put("creation_time", d.createdAt()).put("versions", d.versions());
        if (d.latestVersion().isPresent()) {
            node.put("latest_version", d.latestVersion().getAsLong());
        } else {
            node.putNull("latest_version");
        }
        return node;
    }

    static ObjectNode version(DatasetVersion v) {
        ObjectNode node = ReleaseWire.JSON.createObjectNode().put("name", v.name()).put("version", v.version())
                .put("uri", v.uri()).put("sha256", v.sha256()).put("size_bytes", v.size())
                .put("format", v.format().wireName()).put("rows", v.rows());
        ArrayNode schema = node.putArray("schema");
        v.schema().forEach(c -> schema.addObject().put("name", c.name()).put("type",
                c.type().name().toLowerCase(java.util.Locale.ROOT)));
        return node.put("created_by", v.createdBy()).put("creation_time", v.createdAt()).put("source", v.source());
    }
}
