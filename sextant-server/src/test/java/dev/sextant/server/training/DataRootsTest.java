package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which server paths the data roots admit, on real files and links in a temporary directory. */
class DataRootsTest {
    @TempDir
    Path dir;

    @Test
    void aRootReachedThroughALinkAdmitsItsFilesByEitherName() throws IOException {
        Path real = Files.createDirectories(dir.resolve("volumes/datasets"));
        Path file = Files.writeString(real.resolve("train.csv"), "a,b\n1,2\n");
        Path link = Files.createSymbolicLink(dir.resolve("data"), real);
        DataRoots roots = DataRoots.of(List.of(link));

        assertThat(roots.admit(link.resolve("train.csv"), "given")).isEqualTo(file.toRealPath());
        assertThat(roots.admit(file, "given")).isEqualTo(file.toRealPath());
    }

    @Test
    void aLinkBetweenRootsStaysAdmittedAndAPrefixOfARootNameIsNotTheRoot() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path target = Files.writeString(second.resolve("t.csv"), "a\n1\n");
        Files.createSymbolicLink(first.resolve("across.csv"), target);
        Path sibling = Files.createDirectories(dir.resolve("first-not-a-root"));
        Files.writeString(sibling.resolve("x.csv"), "a\n1\n");
        DataRoots roots = DataRoots.of(List.of(first, second));

        assertThat(roots.admit(first.resolve("across.csv"), "given")).isEqualTo(target.toRealPath());
        assertThat(code(() -> roots.admit(sibling.resolve("x.csv"), "x"))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void noRootsRefuseEveryPathAndSaySo() {
        SextantException refused = catchThrowableOfType(SextantException.class,
                () -> DataRoots.of(List.of()).admit(Path.of("/etc/hostname"), "/etc/hostname"));
        assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(refused.getMessage()).contains("'/etc/hostname'", "training.data-roots is empty", "runs:/");
    }

    @Test
    void aMissingFileInsideARootIsNotFoundUnlessALinkLeadsTowardsIt() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        DataRoots roots = DataRoots.of(List.of(root));

        assertThat(code(() -> roots.admit(root.resolve("sub/missing.csv"), "m")))
                .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertThat(code(() -> roots.admit(root.resolve("out/missing.csv"), "m"))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThatThrownBy(() -> roots.admit(root.resolve("out/missing.csv"), "m"))
                .hasMessageNotContaining("missing.csv' on the server");
    }

    private static ErrorCode code(Runnable call) {
        try {
            call.run();
        } catch (SextantException e) {
            return e.code();
        }
        throw new AssertionError("no refusal");
    }
}
