package dev.sextant.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.SextantConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path work;

    @Test
    void aFreshWorkspaceSkipsDirectoriesThatHoldAnEarlierRun() throws Exception {
        assertThat(Workspace.fresh(work).dataDir()).isEqualTo(work.resolve("sextant-quickstart-data"));

        Files.createDirectories(work.resolve("sextant-quickstart-data"));
        assertThat(Workspace.fresh(work).dataDir()).as("an empty directory is fresh")
                .isEqualTo(work.resolve("sextant-quickstart-data"));

        Files.writeString(work.resolve("sextant-quickstart-data/server.log"), "earlier run");
        Files.writeString(work.resolve("sextant-quickstart-data-2"), "a file, not a directory");
        assertThat(Workspace.fresh(work).dataDir()).isEqualTo(work.resolve("sextant-quickstart-data-3"));
    }

    @Test
    void preparesTheSplitThePolicyAnOwnerOnlyTokenAndAConfigurationTheServerLoads() throws Exception {
        Workspace workspace = new Workspace(work.resolve("data: #1"));
        WeatherData data = WeatherData.bundled();

        String token = workspace.prepare(data, WeatherData.releasePolicy(), 5123, new Random(7));

        assertThat(Files.readString(workspace.trainFile())).isEqualTo(data.trainCsv());
        assertThat(Files.readString(workspace.holdoutFile())).isEqualTo(data.holdoutCsv());
        assertThat(Files.readString(workspace.policyFile())).isEqualTo(WeatherData.releasePolicy());
        assertThat(token).hasSize(43).isEqualTo(Files.readString(workspace.adminTokenFile()))
                .isNotEqualTo(new Workspace(work.resolve("other")).prepare(data, "", 1, new Random(8)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.adminTokenFile())))
                .isEqualTo("rw-------");

        SextantConfig config = ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FLAG, workspace.configFile().toString()),
                Map.of());
        assertThat(config.port()).isEqualTo(5123);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(workspace.dataDir());
        assertThat(config.embeddedStore()).isTrue();
        assertThat(config.security().adminToken().reveal()).isEqualTo(token);
        // Training by server path reaches the example data and nothing else of the workspace.
        assertThat(config.trainingDataRoots()).containsExactly(workspace.dataFiles());
        assertThat(workspace.trainFile().getParent()).isEqualTo(workspace.dataFiles());
        assertThat(workspace.adminTokenFile().startsWith(workspace.dataFiles())).isFalse();
    }
}
