package dev.sextant.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsConfigured() {
        SextantConfig config = ConfigLoader.load(Map.of(), Map.of(), dir);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.dataDir()).isEqualTo(Path.of("./.sextant"));
        assertThat(config.embeddedStore()).isTrue();
        assertThat(config.storePassword().isEmpty()).isTrue();
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config).isEqualTo(SextantConfig.defaults());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        write("sextant.yaml", """
                server:
                  host: 0.0.0.0
                  port: 7000
                data-dir: /from/file
                log:
                  format: text
                """);
        SextantConfig config = ConfigLoader.load(
                Map.of("server.port", "9000"),
                Map.of("SEXTANT_SERVER_PORT", "8000", "SEXTANT_DATA_DIR", "/from/env"),
                dir);

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.maxRequestBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.maxDatasetBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.concurrentModelCalls()).isZero();
    }

    @Test
    void dottedAndNestedYamlKeysAreTheSame() throws IOException {
        Path file = write("custom.yaml", """
                server.port: 6001
                store:
                  url: jdbc:postgresql://db/sextant
                  user: sextant
                server.max-request-body-bytes: 4096
                datasets:
                  max-file-bytes: 8192
                """);
        SextantConfig config = ConfigLoader.load(Map.of("config", file.toString()), Map.of(), dir);

        assertThat(config.port()).isEqualTo(6001);
        assertThat(config.storeUrl()).isEqualTo("jdbc:postgresql://db/sextant");
        assertThat(config.storeUser()).isEqualTo("sextant");
        assertThat(config.maxRequestBodyBytes()).isEqualTo(4096);
        assertThat(config.maxDatasetBytes()).isEqualTo(8192);
        assertThat(config.embeddedStore()).isFalse();
    }

    @Test
    void configFileMayComeFromTheEnvironment() throws IOException {
        Path file = write("elsewhere.yaml", "server:\n  port: 6002\n");
        SextantConfig config = ConfigLoader.load(Map.of(), Map.of("SEXTANT_CONFIG", file.toString()), dir);

        assertThat(config.port()).isEqualTo(6002);
    }

    @Test
    void unknownYamlKeyIsNamed() throws IOException {
        write("sextant.yaml", "server:\n  prot: 5000\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("server.prot"))
                .hasMessageContaining("Unknown configuration key 'server.prot'")
                .hasMessageContaining("server.port");
    }

    @Test
    void badPortNamesKeyAndOrigin() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("SEXTANT_SERVER_PORT", "http"), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("server.port"))
                .hasMessageContaining("SEXTANT_SERVER_PORT")
                .hasMessageContaining("'http'")
                .hasMessageContaining("port between 1 and 65535");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("server.port", "70000"), Map.of(), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flag --server.port");
    }

    @Test
    void otherInvalidValuesAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("log.format", "xml"), Map.of(), dir))
                .hasMessageContaining("'log.format'").hasMessageContaining("json or text");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("log.level", "LOUD"), Map.of(), dir))
                .hasMessageContaining("'log.level'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("server.max-request-body-bytes", "10"), Map.of(), dir))
                .hasMessageContaining("at least 1024");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("serving.concurrent-model-calls", "-1"), Map.of(), dir))
                .hasMessageContaining("'serving.concurrent-model-calls'").hasMessageContaining("0 (one fewer");
        assertThat(ConfigLoader.load(Map.of(), Map.of("SEXTANT_SERVING_CONCURRENT_MODEL_CALLS", "3"), dir)
                .concurrentModelCalls()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("datasets.max-file-bytes", "100"), Map.of(), dir))
                .hasMessageContaining("'datasets.max-file-bytes'").hasMessageContaining("at least 1024");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("server.host", " "), Map.of(), dir))
                .hasMessageContaining("'server.host'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("serving.inference-log.sample-rate", "1.5"), Map.of(), dir))
                .hasMessageContaining("'serving.inference-log.sample-rate'").hasMessageContaining("0 (log nothing)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("SEXTANT_SERVING_INFERENCE_LOG_SAMPLE_RATE", "all"), dir))
                .hasMessageContaining("SEXTANT_SERVING_INFERENCE_LOG_SAMPLE_RATE").hasMessageContaining("from 0 to 1");
        assertThat(ConfigLoader.load(Map.of("serving.inference-log.sample-rate", "0.25"), Map.of(), dir)
                .inferenceLogSampleRate()).isEqualTo(0.25);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("bogus", "1"), Map.of(), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("bogus"));
    }

    @Test
    void missingConfigFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", "nope.yaml"), Map.of(), dir))
                .hasMessageContaining("nope.yaml").hasMessageContaining("--config");
    }

    @Test
    void invalidYamlIsAnError() throws IOException {
        write("sextant.yaml", "server: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void secretsMayBeReferencedFromEnvironmentAndFiles() throws IOException {
        Path secretFile = write("password.txt", "from-file\n");
        write("sextant.yaml", "store:\n  password: ${file:" + secretFile + "}\n  user: ${env:DB_USER}\n");

        SextantConfig config = ConfigLoader.load(Map.of(), Map.of("DB_USER", "alice"), dir);

        assertThat(config.storePassword().reveal()).isEqualTo("from-file");
        assertThat(config.storeUser()).isEqualTo("alice");
    }

    @Test
    void unresolvableReferencesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("SEXTANT_STORE_PASSWORD", "${env:PG_PASS}"), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("store.password"))
                .hasMessageContaining("PG_PASS");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "${file:/no/such/file}"), Map.of(), dir))
                .hasMessageContaining("/no/such/file");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "${vault:x}"), Map.of(), dir))
                .hasMessageContaining("vault:<mount>/<path>#<key>");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("store.password", "${sops:x}"), Map.of(), dir))
                .hasMessageContaining("unknown reference");
    }

    @Test
    void descriptionMasksSecrets() {
        SextantConfig config = ConfigLoader.load(Map.of("store.password", "hunter2",
                "store.url", "jdbc:postgresql://bob:pw123@db/sextant?password=pw456"), Map.of(), dir);

        assertThat(config.describe()).containsEntry("store.password", "****");
        assertThat(config.describe().get("store.url")).doesNotContain("pw123").doesNotContain("pw456");
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("pw123");
        assertThat(config.storePassword().toString()).isEqualTo("****");
    }

    @Test
    void withersKeepOtherValues() {
        SextantConfig config = SextantConfig.defaults().withPort(0).withDataDir(dir).withMaxRequestBodyBytes(2048);

        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.artifactsDir()).isEqualTo(dir.resolve("artifacts"));
        assertThat(config.maxRequestBodyBytes()).isEqualTo(2048);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void trainingDataRootsComeAsAYamlListAnEnvironmentPathListOrFlags() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path colon = Files.createDirectories(dir.resolve("with: colon"));
        write("sextant.yaml", "training:\n  data-roots:\n    - \"" + first + "\"\n    - \"" + colon + "\"\n");
        assertThat(ConfigLoader.load(Map.of(), Map.of(), dir).trainingDataRoots()).containsExactly(first, colon);

        Path second = Files.createDirectories(dir.resolve("second"));
        SextantConfig fromEnv = ConfigLoader.load(Map.of(), Map.of("SEXTANT_TRAINING_DATA_ROOTS",
                first + java.io.File.pathSeparator + second), dir);
        assertThat(fromEnv.trainingDataRoots()).containsExactly(first, second);
        assertThat(fromEnv.describe().get("training.data-roots")).contains(first.toString(), second.toString());

        SextantConfig fromFlags = ConfigLoader.load(Map.of("training.data-roots",
                colon + ConfigLoader.LIST_ITEMS + ConfigLoader.LIST_ITEMS), Map.of(), dir);
        assertThat(fromFlags.trainingDataRoots()).containsExactly(colon);
        assertThat(SextantConfig.defaults().trainingDataRoots()).isEmpty();
        assertThat(SextantConfig.defaults().describe().get("training.data-roots")).contains("refused");
    }

    @Test
    void aTrainingDataRootMustBeAnExistingDirectory() throws IOException {
        Path file = write("not-a-dir.csv", "a,b\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("SEXTANT_TRAINING_DATA_ROOTS",
                dir.resolve("missing").toString()), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("training.data-roots").hasMessageContaining("missing")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SextantConfig.defaults().withTrainingDataRoots(java.util.List.of(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a directory");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
