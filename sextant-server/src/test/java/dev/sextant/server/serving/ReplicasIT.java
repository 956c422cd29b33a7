package dev.sextant.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.HttpResult;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import dev.sextant.store.testing.PostgresServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers sharing one PostgreSQL database: a deployment created, changed or deleted through
 * one is served, changed or stopped by the other without a restart.
 */
class ReplicasIT {
    private static final String ONE_ROW = ServingFixture.inferBody(new float[][] {{5.1f, 3.5f}});

    @TempDir
    Path dir;

    @Test
    void theOtherReplicaFollowsEveryChange() throws Exception {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        // Artifacts must be shared too: both data directories point at one artifact store.
        try (TestServer a = TestServer.start(dir.resolve("a"), c -> c.withStore(db.jdbcUrl(), db.user(),
                Secret.of(db.password())));
             TestServer b = TestServer.start(dir.resolve("a"), c -> c.withStore(db.jdbcUrl(), db.user(),
                     Secret.of(db.password())))) {
            ServingFixture fixture = new ServingFixture(a.http());
            String model = fixture.model("iris");
            long v1 = fixture.registerLogreg(model);
            long v2 = fixture.registerLogregVariant(model);
            fixture.deploy("{\"name\": \"shared\", \"model\": \"models:/" + model + "/" + v1 + "\"}");

            HttpResult served = await(() -> b.http().postJson("/v2/models/shared/infer", ONE_ROW), r -> r.status() == 200);
            assertThat(served.header("X-Model-Version")).isEqualTo("models:/" + model + "/" + v1);

            fixture.patch("shared", "{\"policy\": {\"model\": \"models:/" + model + "/" + v2 + "\"}}");
            HttpResult swapped = await(() -> b.http().postJson("/v2/models/shared/infer", ONE_ROW),
                    r -> ("models:/" + model + "/" + v2).equals(r.header("X-Model-Version")));
            assertThat(swapped.status()).isEqualTo(200);

            assertThat(a.http().send("DELETE", ServingFixture.DEPLOYMENTS + "/shared", BodyPublishers.noBody()).status())
                    .isEqualTo(204);
            HttpResult gone = await(() -> b.http().postJson("/v2/models/shared/infer", ONE_ROW), r -> r.status() == 404);
            assertThat(gone.status()).isEqualTo(404);
        }
    }

    private static HttpResult await(Supplier<HttpResult> call, Predicate<HttpResult> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResult last = call.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = call.get();
        }
        return last;
    }
}
