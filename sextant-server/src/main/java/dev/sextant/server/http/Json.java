package dev.sextant.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON codecs shared by every route, built once: creating mappers per request would cost more
 * than the requests themselves.
 */
public enum Json {
    /**
     * MLflow's dialect: NaN and ±Infinity metric values travel as bare {@code NaN}/{@code Infinity}
     * tokens, as Python's json module writes them.
     */
    MLFLOW(false),
    /** Strict JSON for the native API: non-finite numbers are written as the strings "NaN", "Infinity". */
    NATIVE(true);

    /** Reads requests of both dialects; accepts NaN/Infinity tokens, which MLflow clients send. */
    public static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    // Metric values dominate batch bodies; the JDK's double parser is several times slower.
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(64 * 1024 * 1024)
                            .build())
                    .build())
            .build();

    private final JsonFactory factory;

    Json(boolean nanAsString) {
        JsonFactory built = JsonFactory.builder()
                .configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS, nanAsString)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
        built.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.factory = built;
    }

    /** A streaming parser over a request body, for hot paths that should not build a tree. */
    public static JsonParser parser(byte[] body) throws IOException {
        return READER.createParser(body);
    }

    public JsonGenerator generator(OutputStream out) throws IOException {
        return factory.createGenerator(out);
    }
}
