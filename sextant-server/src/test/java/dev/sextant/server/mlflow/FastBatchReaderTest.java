package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.MetricBatch;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader either gives up or reads exactly what the general reader reads, to the bit. */
class FastBatchReaderTest {

    @Test
    void readsTheUsualShape() {
        String body = "{\"run_id\":\"0123abc\",\"metrics\":[{\"key\":\"loss\",\"value\":0.25,\"timestamp\":1700000000000,"
                + "\"step\":3},{\"key\":\"loss\",\"value\":-1.5e-3,\"timestamp\":1700000000001},"
                + "{\"step\":-4,\"timestamp\":0,\"value\":7,\"key\":\"acc/top 1\"}],\"params\":[],\"tags\":[]}";

        Optional<BatchParser.Batch> fast = FastBatchReader.read(bytes(body));

        assertThat(fast).isPresent();
        assertSame(fast.get(), BatchParser.parseTokens(bytes(body)));
        assertThat(fast.get().metrics().keyCount()).isEqualTo(2);
        assertThat(FastBatchReader.read(bytes(" {\n\"run_uuid\" : \"r\" , \"metrics\" : [ ] }\n"))).isPresent();
    }

    @Test
    void givesUpOnAnythingElse() {
        String[] others = {
            "", "[]", "\"{}\"", "{\"run_id\":\"r\"", "{\"run_id\":\"r\"} x", "\uFEFF{}",
            "{\"run_id\":\"a\\\"b\"}", "{\"run_id\":\"é\"}", "{\"run_id\":null}", "{\"run_id\":\"a\",\"run_id\":\"b\"}",
            "{\"other\":1}", "{\"params\":[{\"key\":\"p\",\"value\":\"1\"}]}", "{\"tags\":null}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":NaN,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":-Infinity,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":\"1\",\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":\"1\"}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1.0}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"step\":null}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":01,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1.,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":.5,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":+1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1e,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":12345678901234567890}]}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"key\":\"b\"}]}",
            "{\"metrics\":[{\"key\":\"\",\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{\"key\":\"a\",\"timestamp\":1}]}",
            "{\"metrics\":[{\"value\":1,\"timestamp\":1}]}",
            "{\"metrics\":[{}]}", "{\"metrics\":[1]}", "{\"metrics\":{}}", "{\"metrics\":[{\"key\":\"a\"}",
            "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"model_id\":\"m\"}]}",
            "{\" run_id\":\"r\"}", "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1},]}",
        };
        for (String body : others) {
            assertThat(FastBatchReader.read(bytes(body))).as(body).isEmpty();
        }
    }

    @Test
    void agreesWithTheGeneralReaderOnRandomBodies() {
        Random random = new Random(7);
        for (int n = 0; n < 4_000; n++) {
            // Plain bodies must be taken; odd and damaged ones may be, but then read the same.
            boolean plain = n % 2 == 0;
            byte[] body = bytes(randomBody(random, plain));
            if (n % 4 == 1) {
                body = mutate(body, random);
            }
            Optional<BatchParser.Batch> fast = FastBatchReader.read(body);
            if (plain) {
                assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isPresent();
            }
            if (fast.isPresent()) {
                assertSame(fast.get(), BatchParser.parseTokens(body));
            }
        }
    }

    private static String randomBody(Random random, boolean plain) {
        StringBuilder json = new StringBuilder();
        json.append(ws(random)).append('{').append(ws(random)).append("\"run_id\"").append(ws(random)).append(':')
                .append(ws(random)).append("\"run").append(random.nextInt(100)).append('"').append(ws(random))
                .append(',').append(ws(random)).append("\"metrics\"").append(ws(random)).append(':').append(ws(random))
                .append('[');
        int points = random.nextInt(20);
        for (int i = 0; i < points; i++) {
            json.append(i == 0 ? "" : ",").append(ws(random)).append('{');
            String[] fields = {
                "\"key\":" + ws(random) + "\"m_" + random.nextInt(5) + "/x.y z-" + "\"",
                "\"value\":" + ws(random) + number(random, plain),
                "\"timestamp\":" + ws(random) + (random.nextBoolean() ? "-" : "") + random.nextLong(1L << 50),
                "\"step\":" + ws(random) + (random.nextLong(1_000_000) - 1_000),
            };
            int count = !plain && random.nextInt(8) == 0 ? 3 : 4;
            for (int f = 0; f < count; f++) {
                json.append(f == 0 ? "" : "," + ws(random)).append(fields[(f + i) % 4]).append(ws(random));
            }
            json.append('}');
        }
        json.append(ws(random)).append(']').append(ws(random));
        if (random.nextBoolean()) {
            json.append(",\"params\":[").append(ws(random)).append("],\"tags\":[]");
        }
        return json.append('}').append(ws(random)).toString();
    }

    private static String number(Random random, boolean plain) {
        return switch (random.nextInt(plain ? 7 : 9)) {
            case 0 -> Double.toString(random.nextGaussian());
            case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 2 -> Long.toString(random.nextLong(1L << 60) - (1L << 59));
            case 3 -> "-0";
            case 4 -> "0.0";
            case 5 -> random.nextInt(1000) + "e" + (random.nextInt(700) - 350);
            case 6 -> "-" + random.nextInt(100) + "." + random.nextInt(1_000_000) + "E+" + random.nextInt(30);
            case 7 -> "123456789012345678901234567890";
            case 8 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
            default -> String.valueOf((float) random.nextDouble());
        };
    }

    private static String ws(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t\r\n";
            default -> "";
        };
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] copy = random.nextBoolean() ? body.clone() : java.util.Arrays.copyOf(body, random.nextInt(body.length));
        if (copy.length > 0) {
            copy[random.nextInt(copy.length)] = (byte) "{}[]\",:0-.eE \\x".charAt(random.nextInt(15));
        }
        return copy;
    }

    private static void assertSame(BatchParser.Batch fast, BatchParser.Batch general) {
        assertThat(fast.runId()).isEqualTo(general.runId());
        assertThat(fast.params()).isEqualTo(general.params());
        assertThat(fast.tags()).isEqualTo(general.tags());
        MetricBatch a = fast.metrics();
        MetricBatch b = general.metrics();
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.key(i)).isEqualTo(b.key(i));
            assertThat(Double.doubleToRawLongBits(a.value(i))).as("value bits of point %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(b.value(i)));
            assertThat(a.timestamp(i)).isEqualTo(b.timestamp(i));
            assertThat(a.step(i)).isEqualTo(b.step(i));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
