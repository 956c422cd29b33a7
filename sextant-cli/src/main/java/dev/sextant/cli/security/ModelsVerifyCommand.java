package dev.sextant.cli.security;

import dev.sextant.cli.ServerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sextant models verify URI}: digest and signature state of a version; exit 1 unless both hold. */
@Command(name = "verify", description = "Check a model version's files against their registered digests and its "
        + "Ed25519 signature; exits 1 when either does not hold.")
public final class ModelsVerifyCommand extends ServerCommand {
    @Parameters(paramLabel = "MODEL_URI", description = "e.g. models:/churn/3, models:/churn@champion.")
    String uri;

    @Override
    public void run() {
        JsonNode report = client().get("/model-verifications", Map.of("uri", uri));
        if (output.json()) {
            printJson(report);
        } else {
            JsonNode signature = report.path("signature");
            Table table = new Table("CHECK", "STATE", "DETAIL")
                    .row("digest", report.path("digest").asText(), report.path("package_digest").asText())
                    .row("signature", signature.path("state").asText(), signature.path("message").asText());
            report.path("differences").forEach(d -> table.row("file", "CHANGED", d.asText()));
            table.print(out());
        }
        if (!report.path("intact").asBoolean()) {
            throw new CliFailure(CliFailure.FAILED, report.path("model_uri").asText() + " must not be loaded: digest "
                    + report.path("digest").asText() + ", signature " + report.path("signature").path("state").asText());
        }
    }
}
