package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.version.DatasetNames;
import dev.sextant.data.version.DatasetService;
import dev.sextant.data.version.DatasetStore;
import dev.sextant.data.version.DatasetVersion;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.ScratchDirectory;
import dev.sextant.server.security.AccessControl;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/datasets}: push a data file as a dataset's next version (the body is the file),
 * list datasets and their versions, read a version's record and its bytes, delete a version.
 */
final class DatasetResource {
    static final String CSV_TYPE = "text/csv";
    static final String PARQUET_TYPE = "application/vnd.apache.parquet";
    private static final Map<String, DataFormat> MEDIA_TYPES = Map.of(CSV_TYPE, DataFormat.CSV,
            "application/csv", DataFormat.CSV, PARQUET_TYPE, DataFormat.PARQUET,
            "application/x-parquet", DataFormat.PARQUET);

    private final DatasetService datasets;
    private final AuditTrail audit;
    private final long maxFileBytes;

    DatasetResource(DatasetService datasets, AuditTrail audit, long maxFileBytes) {
        this.datasets = datasets;
        this.audit = audit;
        this.maxFileBytes = maxFileBytes;
    }

    /** 201 with the new version, or 200 with the latest one when it holds the same bytes. */
    void push(ServerRequest req, ServerResponse res) {
        String name = DatasetNames.require(NativeRequests.pathParam(req, "name"));
        Fields query = NativeRequests.query(req);
        DataFormat format = format(req, query);
        try (ScratchDirectory dir = ScratchDirectory.create("sextant-dataset")) {
            // Named after the dataset: the reader's complaints name the file.
            Path file = dir.path().resolve(name + format.extension());
            if (RequestBodies.copy(req, file, maxFileBytes, this::tooLarge) == 0) {
                throw SextantException.invalid("The request body is empty: send the data file itself as the body "
                        + "(Content-Type " + CSV_TYPE + " or " + PARQUET_TYPE + ").");
            }
            DatasetStore.Pushed pushed = datasets.push(name, file, AccessControl.currentPrincipal().name(),
                    query.string("source"), query.string("description"));
            ObjectNode out = ReleaseWire.JSON.createObjectNode();
            out.set("dataset_version", DatasetWire.version(pushed.version()));
            out.put("created", pushed.created());
            if (pushed.created()) {
                audit.record("dataset.version.create", "dataset", pushed.version().uri(), "",
                        DatasetWire.version(pushed.version()).toString());
                ReleaseWire.created(res, location(pushed.version()), out);
            } else {
                ReleaseWire.send(res, Status.OK_200, out);
            }
        }
    }

    private SextantException tooLarge(long size) {
        return new SextantException(ErrorCode.REQUEST_TOO_LARGE, "The data file" + (size >= 0 ? " of " + size + " bytes" : "")
                + " is larger than this server accepts for a dataset version (" + maxFileBytes
                + " bytes, datasets.max-file-bytes). Split it, or ask the operator to raise datasets.max-file-bytes.");
    }

    void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("datasets");
        datasets.list().forEach(d -> list.add(DatasetWire.dataset(d)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    void get(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        out.set("dataset", DatasetWire.dataset(datasets.get(NativeRequests.pathParam(req, "name"))));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    void versions(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("dataset_versions");
        datasets.versions(NativeRequests.pathParam(req, "name")).forEach(v -> list.add(DatasetWire.version(v)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    void version(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        out.set("dataset_version", DatasetWire.version(find(req)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    /** The version's bytes as pushed, with its digest as the entity tag. */
    void content(ServerRequest req, ServerResponse res) {
        DatasetVersion version = find(req);
        ArtifactStore.ArtifactContent content = datasets.open(version);
        res.header(HeaderNames.CONTENT_TYPE, version.format() == DataFormat.CSV ? CSV_TYPE : PARQUET_TYPE);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + version.name() + "-v" + version.version()
                + version.format().extension() + "\"");
        res.header(HeaderNames.ETAG, "\"" + version.sha256() + "\"");
        res.contentLength(content.entry().size());
        try (InputStream in = content.stream(); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(ServerRequest req, ServerResponse res) {
        DatasetVersion version = find(req);
        datasets.delete(version.name(), version.version());
        audit.record("dataset.version.delete", "dataset", version.uri(), DatasetWire.version(version).toString(), "");
        NativeRequests.noContent(res);
    }

    private DatasetVersion find(ServerRequest req) {
        String text = NativeRequests.pathParam(req, "version");
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw SextantException.invalid("Dataset version '" + text + "' is not a version number (1, 2, ...).");
        }
        return datasets.version(NativeRequests.pathParam(req, "name"), Long.parseLong(text));
    }

    /** The {@code format} query parameter, else the Content-Type. */
    private static DataFormat format(ServerRequest req, Fields query) {
        String format = query.string("format");
        if (!format.isBlank()) {
            return DataFormat.parse(format);
        }
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        DataFormat known = MEDIA_TYPES.get(media);
        if (known == null) {
            throw new SextantException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Cannot tell the format of the data from "
                    + (type.isBlank() ? "a request without Content-Type" : "Content-Type '" + type + "'") + ": send "
                    + CSV_TYPE + " or " + PARQUET_TYPE + ", or add ?format=csv or ?format=parquet.");
        }
        return known;
    }

    static String location(DatasetVersion version) {
        return NativeApi.PREFIX + "/datasets/" + version.name() + "/versions/" + version.version();
    }
}
