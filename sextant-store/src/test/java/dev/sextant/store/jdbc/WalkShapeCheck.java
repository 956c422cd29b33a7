package dev.sextant.store.jdbc;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "sextant.bench", matches = "true")
class WalkShapeCheck {
    @Test
    void shapes() {
        String url = MetadataDatabase.embeddedUrl(Path.of(System.getProperty("sextant.bench.dir")));
        try (MetadataDatabase db = MetadataDatabase.open(url, "", "")) {
            long e = Long.parseLong(db.trackingStore().getExperimentByName("bench-search-100000x20x20").orElseThrow().experimentId());
            Jdbi jdbi = Jdbi.create(url, "", "");
            String walk = "SELECT c.run_id FROM latest_metrics c USE INDEX (latest_metrics_walk_idx) ";
            String where = "WHERE c.experiment_id = :e AND c.metric_key = 'm5' AND c.metric_value <= :top ";
            String order = "ORDER BY c.experiment_id DESC, c.metric_key DESC, c.metric_value DESC ";
            Map<String, String> shapes = new LinkedHashMap<>();
            shapes.put("index only, 1800 rows", walk + where + order + "FETCH FIRST 1800 ROWS ONLY");
            shapes.put("exists params", walk + where + "AND EXISTS (SELECT 1 FROM params x WHERE x.run_id = c.run_id"
                    + " AND x.param_key = 'p7' AND x.value_hash = :h) " + order + "FETCH FIRST 180 ROWS ONLY");
            shapes.put("in uncorrelated", walk + where + "AND c.run_id IN (SELECT x.run_id FROM params x WHERE"
                    + " x.param_key = 'p7' AND x.value_hash = :h) " + order + "FETCH FIRST 180 ROWS ONLY");
            shapes.put("left join params", walk + "LEFT JOIN params x ON x.run_id = c.run_id AND x.param_key = 'p7'"
                    + " AND x.value_hash = :h " + where + "AND x.run_id IS NOT NULL " + order + "FETCH FIRST 180 ROWS ONLY");
            shapes.put("in params", walk + where + "AND c.run_id IN (SELECT x.run_id FROM params x WHERE x.run_id = c.run_id"
                    + " AND x.param_key = 'p7' AND x.value_hash = :h) " + order + "FETCH FIRST 180 ROWS ONLY");
            SplittableRandom random = new SplittableRandom(3);
            long[] hashes = new long[10];
            for (int i = 0; i < 10; i++) {
                hashes[i] = ValueHash.of("v" + i);
            }
            jdbi.useHandle(handle -> {
                for (int round = 0; round < 2; round++) {
                    if (round == 1) {
                        handle.execute("CREATE INDEX IF NOT EXISTS params_key_hash_run_idx ON params (param_key, value_hash, run_id)");
                    }
                    for (var shape : shapes.entrySet()) {
                        long[] nanos = new long[100];
                        for (int i = -20; i < nanos.length; i++) {
                            long t0 = System.nanoTime();
                            int n = handle.createQuery(shape.getValue()).bind("e", e).bind("top", 1.0 - random.nextDouble(0.05))
                                    .bind("h", hashes[random.nextInt(10)]).mapTo(String.class).list().size();
                            if (i >= 0) {
                                nanos[i] = System.nanoTime() - t0;
                            }
                        }
                        Arrays.sort(nanos);
                        System.out.printf("%-22s p50 %6.2f ms min %6.2f ms%n", shape.getKey(), nanos[50] / 1e6, nanos[0] / 1e6);
                    }
                }
                System.out.println(String.join("\n", handle.createQuery("EXPLAIN ANALYZE " + shapes.get("in uncorrelated"))
                        .bind("e", e).bind("top", 0.97).bind("h", hashes[1]).mapTo(String.class).list()));
            });
        }
    }
}
