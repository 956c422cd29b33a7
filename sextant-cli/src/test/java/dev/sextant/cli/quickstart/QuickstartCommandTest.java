package dev.sextant.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals that come before a server starts: nothing is written and the exit code says why. */
class QuickstartCommandTest {
    @TempDir
    Path work;

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void refusesAPortInUseAndWritesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path dataDir = work.resolve("qs");
            Result result = run("quickstart", "--once", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dataDir.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .contains("--port " + (taken.getLocalPort() + 1));
            assertThat(dataDir).doesNotExist();
        }
    }

    @Test
    void refusesADataDirectoryThatHoldsFiles() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "mine");
        Result result = run("quickstart", "--once", "--data-dir", work.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--data-dir " + work + " is not empty");
        assertThat(work).isDirectoryContaining(path -> path.getFileName().toString().equals("notes.txt"));
        try (var files = Files.list(work)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        Result result = run("quickstart", "--port", "70000", "--data-dir", work.resolve("qs").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--port must be from 0 to 65535; got 70000");
    }

    private static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exitCode = Main.execute(args);
            return new Result(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
