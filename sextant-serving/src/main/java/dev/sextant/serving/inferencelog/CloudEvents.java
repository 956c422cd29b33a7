package dev.sextant.serving.inferencelog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.serving.oip.OipWriter;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Inference records as CloudEvents 1.0 in structured JSON mode, one per line: a
 * {@value #REQUEST} event with the inputs and a {@value #RESPONSE} event with the outputs,
 * sharing the request id as their {@code id}, so a Kafka or HTTP sink can forward them as they are.
 */
final class CloudEvents {
    static final String REQUEST = "dev.sextant.inference.request";
    static final String RESPONSE = "dev.sextant.inference.response";
    static final String SHADOW = "dev.sextant.inference.shadow";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private CloudEvents() {
    }

    /** The two lines of one record, each ending in a newline. */
    static byte[] lines(InferenceRecord record, Instant recordedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                header(json, REQUEST, record, record.receivedAt(), recordedAt);
                json.writeObjectFieldStart("data");
                json.writeStringField("protocol", record.protocol());
                json.writeArrayFieldStart("inputs");
                writeInputs(json, record.inputs());
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            out.write('\n');
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                header(json, RESPONSE, record, record.receivedAt().plusNanos(record.latencyNanos()), recordedAt);
                json.writeObjectFieldStart("data");
                json.writeNumberField("status", record.status());
                json.writeNumberField("latency_ms", record.latencyNanos() / 1e6);
                if (record.outputs().isPresent()) {
                    json.writeFieldName("outputs");
                    OipWriter.writeOutputs(json, record.outputs().get());
                }
                if (!record.error().isEmpty()) {
                    json.writeStringField("error", record.error());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A shadow comparison: what the challenger answered and whether it agreed with the primary. */
    static byte[] shadowLine(ShadowRecord shadow, Instant recordedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", "1.0");
            json.writeStringField("type", SHADOW);
            json.writeStringField("source", "/deployments/" + shadow.deployment());
            json.writeStringField("id", shadow.requestId() + ":shadow");
            json.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(recordedAt));
            json.writeStringField("datacontenttype", "application/json");
            json.writeStringField("requestid", shadow.requestId());
            json.writeStringField("deployment", shadow.deployment());
            json.writeStringField("modeluri", shadow.modelUri());
            json.writeObjectFieldStart("data");
            json.writeStringField("primary_model_uri", shadow.primaryUri());
            json.writeBooleanField("agreed", shadow.agreed());
            json.writeNumberField("latency_ms", shadow.latencyNanos() / 1e6);
            if (shadow.outputs().isPresent()) {
                json.writeFieldName("outputs");
                OipWriter.writeOutputs(json, shadow.outputs().get());
            }
            if (!shadow.error().isEmpty()) {
                json.writeStringField("error", shadow.error());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void header(JsonGenerator json, String type, InferenceRecord record, Instant time, Instant recordedAt)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("specversion", "1.0");
        json.writeStringField("type", type);
        json.writeStringField("source", "/deployments/" + record.deployment());
        json.writeStringField("id", record.requestId());
        json.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(time));
        json.writeStringField("datacontenttype", "application/json");
        // Extension attributes: lower-case letters and digits only, as CloudEvents requires.
        json.writeStringField("deployment", record.deployment());
        json.writeStringField("endpoint", record.slot());
        json.writeStringField("modeluri", record.modelUri());
        json.writeStringField("recordedtime", DateTimeFormatter.ISO_INSTANT.format(recordedAt));
    }

    private static void writeInputs(JsonGenerator json, InferenceInputs inputs) throws IOException {
        for (Tensor tensor : inputs.tensors().values()) {
            OipWriter.writeTensor(json, tensor);
        }
    }
}
