package dev.sextant.cli.release;

import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant webhooks create|list|deliveries|delete}: signed notifications of release events. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Send release events (version created, gate "
        + "evaluated, approval requested and given, promoted, rolled back) to URLs, signed with HMAC-SHA256.",
        subcommands = {WebhooksCommand.Create.class, WebhooksCommand.ListHooks.class, WebhooksCommand.Deliveries.class,
                WebhooksCommand.Delete.class})
public final class WebhooksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = "Subscribe a URL; prints the signing secret once.")
    static final class Create extends ReleaseCommand {
        @Option(names = "--url", required = true, paramLabel = "URL")
        String url;

        @Option(names = "--event", paramLabel = "TYPE", description = "Event type to send (repeatable; default: all).")
        List<String> events = new ArrayList<>();

        @Option(names = "--model", paramLabel = "NAME", description = "Only this model's events.")
        String model = "";

        @Option(names = "--secret", paramLabel = "SECRET", description = "Signing secret (default: generated).")
        String secret = "";

        @Override
        public void run() {
            ObjectNode body = NativeClient.JSON.createObjectNode().put("url", url).put("model", model);
            events.forEach(body.putArray("events")::add);
            if (!secret.isEmpty()) {
                body.put("secret", secret);
            }
            JsonNode webhook = client().post("/webhooks", body);
            if (output.json()) {
                printJson(webhook);
                return;
            }
            out().println("Webhook " + webhook.path("id").asText() + " sends " + join(webhook.path("events")) + " to "
                    + webhook.path("url").asText() + ".");
            out().println("Signing secret (shown once): " + webhook.path("secret").asText());
            out().println("Verify X-Sextant-Signature-256 = sha256=<hex HMAC-SHA256 of the raw body with the secret>.");
            out().flush();
        }
    }

    @Command(name = "list", description = "List webhooks.")
    static final class ListHooks extends ReleaseCommand {
        @Override
        public void run() {
            JsonNode answer = client().get("/webhooks", Map.of());
            if (output.json()) {
                printJson(answer);
                return;
            }
            Table table = new Table("ID", "URL", "MODEL", "EVENTS", "CREATED", "BY");
            answer.path("webhooks").forEach(w -> table.row(w.path("id").asText(), w.path("url").asText(),
                    w.path("model").asText(), join(w.path("events")), time(w.path("created_at")),
                    w.path("created_by").asText()));
            table.print(out());
        }
    }

    @Command(name = "deliveries", description = "A webhook's deliveries and their attempts, newest first.")
    static final class Deliveries extends ReleaseCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public void run() {
            JsonNode answer = client().get("/webhooks/" + NativeClient.segment(id) + "/deliveries", Map.of());
            if (output.json()) {
                printJson(answer);
                return;
            }
            Table table = new Table("DELIVERY", "EVENT", "STATUS", "ATTEMPTS", "LAST CODE", "LAST ERROR", "CREATED");
            answer.path("deliveries").forEach(d -> table.row(d.path("id").asText(), d.path("event_type").asText(),
                    d.path("status").asText(), d.path("attempts").asText(), d.path("last_status_code").asText(""),
                    d.path("last_error").asText(), time(d.path("created_at"))));
            table.print(out());
        }
    }

    @Command(name = "delete", description = "Unsubscribe; pending deliveries fail.")
    static final class Delete extends ReleaseCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public void run() {
            client().delete("/webhooks/" + NativeClient.segment(id));
            out().println("Deleted webhook " + id + ".");
            out().flush();
        }
    }

    private static String join(JsonNode values) {
        List<String> all = new ArrayList<>();
        values.forEach(v -> all.add(v.asText()));
        return String.join(", ", all);
    }
}
