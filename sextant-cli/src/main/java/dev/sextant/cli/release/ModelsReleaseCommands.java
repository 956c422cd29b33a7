package dev.sextant.cli.release;

import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The release verbs under {@code sextant models}: gate, approve, reject, promote, rollback,
 * history, policy and evaluations. Each prints a report; a refusal exits with 3.
 */
public final class ModelsReleaseCommands {

    private ModelsReleaseCommands() {
    }

    /** {@code NAME VERSION --target TARGET}: a version of a model and the stage or alias it is to reach. */
    abstract static class VersionCommand extends ReleaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        long version;

        @Option(names = "--target", required = true, paramLabel = "TARGET", description = "Stage or alias, e.g. Production.")
        String target;
    }

    @Command(name = "gate", description = "Run a target's gate on a version and print every check; exits 3 when it fails.")
    public static final class Gate extends VersionCommand {
        @Option(names = "--evaluation", paramLabel = "ID", description = "Evaluation to judge (default: the newest).")
        String evaluation = "";

        @Override
        public void run() {
            ObjectNode body = NativeClient.JSON.createObjectNode().put("target", target);
            if (!evaluation.isEmpty()) {
                body.put("evaluation_id", evaluation);
            }
            JsonNode verdict = client().post(model(name) + "/versions/" + version + "/gate-verdicts", body);
            if (output.json()) {
                printJson(verdict);
            } else {
                VerdictReport.print(out(), verdict);
            }
            if (!verdict.path("passed").asBoolean()) {
                throw new CliFailure(CliFailure.REFUSED, "the gate for " + target + " failed: " + failedChecks(verdict));
            }
        }
    }

    @Command(name = "approvals", description = "Where the approvals of moving a version to a target stand: each "
            + "requirement, who may approve it, who has, and whether you may.")
    public static final class Approvals extends VersionCommand {
        @Override
        public void run() {
            JsonNode answer = client().get(model(name) + "/versions/" + version + "/approvals", Map.of("target", target));
            if (output.json()) {
                printJson(answer);
                return;
            }
            JsonNode status = answer.path("status");
            String what = "models:/" + name + "/" + version + " to " + answer.path("target").asText();
            if (status.isNull() || status.isMissingNode()) {
                out().println("No approvals are needed to move " + what + ": its release policy names no approval set.");
                out().flush();
                return;
            }
            JsonNode requirements = status.path("requirements");
            long met = 0;
            for (JsonNode requirement : requirements) {
                met += requirement.path("pending").asLong() == 0 ? 1 : 0;
            }
            out().println("Approval set '" + status.path("approval_set").asText() + "' for " + what + ": " + met + " of "
                    + requirements.size() + " requirements met"
                    + (status.path("rejections").isEmpty() ? "" : "; rejected by " + reviewers(status.path("rejections")))
                    + (status.path("complete").asBoolean() ? " — complete." : "."));
            Table table = new Table("REQUIREMENT", "MAY APPROVE", "RECEIVED", "APPROVED BY", "YOU");
            requirements.forEach(r -> table.row(r.path("requirement").asText(), approvers(r),
                    r.path("received").asText() + " of " + r.path("needed").asText(),
                    r.path("approved_by").isEmpty() ? "-" : join(r.path("approved_by")),
                    r.path("caller_may_approve").asBoolean() ? "may approve" : "may not approve"));
            table.print(out());
            out().flush();
        }

        /** The roles that may approve, and the domain they must hold when the requirement names one. */
        private static String approvers(JsonNode requirement) {
            String roles = join(requirement.path("roles"));
            JsonNode domain = requirement.path("domain");
            return domain.isTextual() ? roles + " (domain " + domain.asText() + ")" : roles;
        }
    }

    @Command(name = "approve", description = "Approve moving a version to a target (as a reviewer the policy asks for).")
    public static final class Approve extends Decide {
        Approve() {
            super("approve");
        }
    }

    @Command(name = "reject", description = "Reject moving a version to a target; --comment says why.")
    public static final class Reject extends Decide {
        Reject() {
            super("reject");
        }
    }

    public abstract static class Decide extends VersionCommand {
        private final String decision;

        @Option(names = {"--comment", "-m"}, paramLabel = "TEXT", description = "Why (required to reject).")
        String comment = "";

        Decide(String decision) {
            this.decision = decision;
        }

        @Override
        public void run() {
            JsonNode answer = client().post(model(name) + "/versions/" + version + "/approvals", NativeClient.JSON
                    .createObjectNode().put("target", target).put("decision", decision).put("comment", comment));
            if (output.json()) {
                printJson(answer);
                return;
            }
            JsonNode status = answer.path("status");
            out().println((decision.equals("approve") ? "Approved" : "Rejected") + " models:/" + name + "/" + version
                    + " for " + answer.path("target").asText() + ".");
            out().println("Approval set '" + status.path("approval_set").asText() + "': " + status.path("met").size()
                    + " of " + (status.path("met").size() + status.path("missing").size()) + " met"
                    + (status.path("missing").isEmpty() ? "" : "; missing " + join(status.path("missing")))
                    + (status.path("rejections").isEmpty() ? "" : "; rejected by " + reviewers(status.path("rejections")))
                    + (status.path("complete").asBoolean() ? " — complete." : "."));
            out().flush();
        }
    }

    @Command(name = "promote", description = "Promote a version to a stage or alias: its gate runs first; exits 3 with "
            + "what is missing when it is refused.")
    public static final class Promote extends VersionCommand {
        @Option(names = {"--reason", "-m"}, paramLabel = "TEXT", description = "Why; kept in the stage history.")
        String reason = "";

        @Option(names = "--replaces", paramLabel = "VERSION", description = "Only if this version (or none) holds the "
                + "target now.")
        String replaces = "";

        @Override
        public void run() {
            ObjectNode body = NativeClient.JSON.createObjectNode().put("version", version).put("target", target)
                    .put("reason", reason).put("replaces", replaces);
            NativeClient client = client();
            NativeClient.Answer answer = client.call("POST", model(name) + "/promotions", NativeClient.write(body),
                    "application/json");
            if (answer.status() == 409 && answer.body().has("verdict")) {
                if (output.json()) {
                    printJson(answer.body());
                } else {
                    VerdictReport.print(out(), answer.body().path("verdict"));
                }
                throw new CliFailure(CliFailure.REFUSED, "promotion of models:/" + name + "/" + version + " to " + target
                        + " refused: " + failedChecks(answer.body().path("verdict")));
            }
            JsonNode entry = client.required(answer);
            if (output.json()) {
                printJson(entry);
                return;
            }
            VerdictReport.print(out(), entry.path("verdict"));
            out().println();
            out().println("Promoted models:/" + name + "/" + version + " to " + entry.path("target").asText()
                    + (entry.path("previous_version").isNull() ? "" : ", replacing version "
                    + entry.path("previous_version").asLong() + " (kept as alias '" + entry.path("previous_alias").asText()
                    + "'; undo with: sextant models rollback " + name + " --target "
                    + entry.path("target").asText() + ")") + ".");
            out().flush();
        }
    }

    @Command(name = "rollback", description = "Put back the version a target's last move replaced, in one step.")
    public static final class Rollback extends ReleaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--target", paramLabel = "TARGET", description = "Stage or alias (default: ${DEFAULT-VALUE}).")
        String target = "Production";

        @Option(names = {"--reason", "-m"}, paramLabel = "TEXT", description = "Why; kept in the stage history.")
        String reason = "";

        @Override
        public void run() {
            JsonNode entry = client().post(model(name) + "/rollbacks", NativeClient.JSON.createObjectNode()
                    .put("target", target).put("reason", reason));
            if (output.json()) {
                printJson(entry);
                return;
            }
            out().println("Rolled " + entry.path("target").asText() + " of " + name + " back to version "
                    + entry.path("version").asLong() + " (it was version " + entry.path("previous_version").asText()
                    + ").");
            out().flush();
        }
    }

    @Command(name = "history", description = "Who held each stage or alias, who put it there and why; --at for one "
            + "moment.")
    public static final class History extends ReleaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--target", paramLabel = "TARGET", description = "Only this stage or alias.")
        String target = "";

        @Option(names = "--at", paramLabel = "TIME", description = "ISO-8601 instant or epoch millis: who held --target "
                + "then.")
        String at = "";

        @Override
        public void run() {
            JsonNode answer = client().get(model(name) + "/stage-history", Map.of("target", target, "at", at));
            if (output.json()) {
                printJson(answer);
                return;
            }
            if (!at.isEmpty()) {
                JsonNode entry = answer.path("held_by");
                out().println(entry.isNull() ? "Nothing held " + answer.path("target").asText() + " of " + name + " at "
                        + time(answer.path("at")) + "." : "At " + time(answer.path("at")) + ", "
                        + answer.path("target").asText() + " of " + name + " was held by version " + entry.path("version")
                        .asLong() + ", " + entry.path("action").asText().replace('_', ' ') + " by "
                        + entry.path("actor").asText() + " at " + time(entry.path("at"))
                        + (entry.path("reason").asText().isEmpty() ? "" : ": " + entry.path("reason").asText()) + ".");
                out().flush();
                return;
            }
            Table table = new Table("AT", "TARGET", "ACTION", "VERSION", "REPLACED", "BY", "REASON");
            answer.path("history").forEach(e -> table.row(time(e.path("at")), e.path("target").asText(),
                    e.path("action").asText(), e.path("version").asText(), e.path("previous_version").asText(""),
                    e.path("actor").asText(), e.path("reason").asText()));
            table.print(out());
        }
    }

    @Command(name = "policy", description = "Show a model's release policy, or set it from a YAML file (--file).")
    public static final class Policy extends ReleaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", arity = "0..1", description = "Registered model (leave out with "
                + "--server-default).")
        String name = "";

        @Option(names = "--server-default", description = "The server-wide default policy instead of a model's.")
        boolean serverDefault;

        @Option(names = "--file", paramLabel = "FILE", description = "YAML policy to set.")
        Path file;

        @Option(names = "--delete", description = "Remove the policy.")
        boolean delete;

        @Override
        public void run() {
            if (serverDefault == !name.isEmpty()) {
                throw new CliFailure(CliFailure.FAILED, "name a registered model or pass --server-default");
            }
            String path = serverDefault ? "/release-policy" : model(name) + "/release-policy";
            NativeClient client = client();
            if (delete) {
                client.delete(path);
                out().println("Removed the release policy of " + (serverDefault ? "the server" : name) + ".");
                out().flush();
                return;
            }
            JsonNode policy = file == null ? client.get(path, Map.of())
                    : client.put(path, read(file), "application/yaml");
            if (output.json()) {
                printJson(policy);
                return;
            }
            out().println("# release policy of " + (serverDefault ? "the server (default)" : name) + ", set by "
                    + policy.path("updated_by").asText() + " at " + time(policy.path("updated_at")));
            out().print(policy.path("policy").asText());
            out().flush();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "evaluations", description = "Compare the evaluations of a model's versions (on one holdout with "
            + "--dataset).")
    public static final class Evaluations extends ReleaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--dataset", paramLabel = "SHA256", description = "Only evaluations on this data.")
        String dataset = "";

        @Override
        public void run() {
            JsonNode answer = client().get(model(name) + "/evaluations", Map.of("dataset_sha256", dataset));
            if (output.json()) {
                printJson(answer);
                return;
            }
            Set<String> metrics = new LinkedHashSet<>();
            answer.path("evaluations").forEach(e -> e.path("metrics").fieldNames().forEachRemaining(metrics::add));
            List<String> headers = new ArrayList<>(List.of("VERSION", "EVALUATION", "DATA", "SHA256", "ROWS", "AT"));
            headers.addAll(metrics);
            headers.add("P99 MS");
            Table table = new Table(headers.toArray(String[]::new));
            answer.path("evaluations").forEach(e -> {
                List<String> cells = new ArrayList<>(List.of(e.path("version").asText(), e.path("id").asText()
                        .substring(0, 8), e.path("dataset").path("name").asText(), e.path("dataset").path("sha256")
                        .asText().substring(0, 12), e.path("dataset").path("rows").asText(), time(e.path("created_at"))));
                metrics.forEach(m -> cells.add(number(e.path("metrics").path(m))));
                cells.add(number(e.path("latency").path("p99_ms")));
                table.row(cells.toArray(String[]::new));
            });
            table.print(out());
        }
    }

    static String failedChecks(JsonNode verdict) {
        List<String> failed = new ArrayList<>();
        verdict.path("checks").forEach(c -> {
            if (!c.path("passed").asBoolean()) {
                failed.add(c.path("check").asText());
            }
        });
        return String.join("; ", failed);
    }

    private static String join(JsonNode values) {
        List<String> all = new ArrayList<>();
        values.forEach(v -> all.add(v.asText()));
        return String.join(", ", all);
    }

    private static String reviewers(JsonNode approvals) {
        List<String> all = new ArrayList<>();
        approvals.forEach(a -> all.add(a.path("reviewer").asText() + Optional.of(a.path("comment").asText())
                .filter(c -> !c.isEmpty()).map(c -> " (\"" + c + "\")").orElse("")));
        return String.join(", ", all);
    }
}
