package dev.sextant.cli.quickstart;

import java.io.PrintWriter;
import java.util.Locale;

/** The closing lines: how long it took and where to look. */
final class Summary {
    private final PrintWriter out;
    private final Api api;
    private final Workspace workspace;

    Summary(PrintWriter out, Api api, Workspace workspace) {
        this.out = out;
        this.api = api;
        this.workspace = workspace;
    }

    void print(ReleaseLoop.Outcome outcome, double loopSeconds, double totalSeconds) {
        out.printf(Locale.ROOT, "Done: v%d of %s replaced v%d in Production and serves all traffic; the loop took %.1f s "
                        + "after the server started (%.1f s in all).%n", outcome.promoted(), ReleaseLoop.MODEL,
                outcome.baseline(), loopSeconds, totalSeconds);
        out.println("Look at (the web UI asks for the admin token; the API takes it as 'Authorization: Bearer <token>'):");
        row("web UI", "/#/models/" + ReleaseLoop.MODEL);
        row("runs", "/#/experiments/" + outcome.experimentId());
        row("versions", ReleaseLoop.MODEL_PATH + "/versions");
        row("history", ReleaseLoop.MODEL_PATH + "/stage-history");
        row("deployment", Rollout.DEPLOYMENT_PATH);
        row("predict", "/v2/models/" + Rollout.DEPLOYMENT + "/infer (POST)");
        row("audit", "/api/v1/audit");
        row("API", "/openapi.json");
        out.println("  e.g. curl -H \"Authorization: Bearer $(cat " + workspace.adminTokenFile() + ")\" "
                + api.url(ReleaseLoop.MODEL_PATH + "/stage-history"));
        out.flush();
    }

    private void row(String label, String path) {
        out.printf(Locale.ROOT, "  %-11s %s%n", label, api.url(path));
    }
}
