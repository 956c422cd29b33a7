package dev.sextant.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.SextantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void eachTrainingDataRootFlagIsOneDirectoryEvenWithTheSeparatorInItsName() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path colon = Files.createDirectories(dir.resolve("a:b"));
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--training-data-root", plain.toString(), "--training-data-root",
                colon.toString(), "--port", "0");

        SextantConfig config = ConfigLoader.load(command.flags(), Map.of());

        assertThat(config.trainingDataRoots()).containsExactly(plain, colon);
        assertThat(ConfigLoader.load(new ServerCommand().flags(), Map.of()).trainingDataRoots()).isEmpty();
    }
}
