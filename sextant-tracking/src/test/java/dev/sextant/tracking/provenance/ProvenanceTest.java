package dev.sextant.tracking.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @Test
    void capturesCommitBranchRemoteAndDirtyStateOfARealRepository(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.email", "dev@example.org");
        git(repo, "config", "user.name", "Dev");
        git(repo, "remote", "add", "origin", "https://someone:s3cret@git.example.org/team/models.git");
        Files.writeString(repo.resolve("train.py"), "print('hi')\n");
        git(repo, "add", "train.py");
        git(repo, "commit", "-q", "-m", "first");
        String head = Files.readString(repo.resolve(".git/refs/heads/main")).trim();

        Map<String, String> tags = asMap(Provenance.git(repo));
        assertThat(tags).containsEntry(Provenance.GIT_COMMIT, head)
                .containsEntry(Provenance.GIT_BRANCH, "main")
                .containsEntry(Provenance.GIT_REPO_URL, "https://git.example.org/team/models.git")
                .containsEntry(Provenance.GIT_DIRTY, "false");

        Files.writeString(repo.resolve("train.py"), "print('changed')\n");
        assertThat(asMap(Provenance.git(repo))).containsEntry(Provenance.GIT_DIRTY, "true");
    }

    @Test
    void outsideARepositoryThereIsNoGitProvenance(@TempDir Path plain) {
        assertThat(Provenance.git(plain)).isEmpty();
    }

    @Test
    void environmentNamesTheJvmOsAndLibraryVersions() {
        Map<String, String> tags = asMap(Provenance.environment(Map.of("junit", Test.class)));
        assertThat(tags.get("sextant.env.java_version")).isEqualTo(System.getProperty("java.version"));
        assertThat(tags.get("sextant.env.os")).startsWith(System.getProperty("os.name"));
        assertThat(tags.get("sextant.env.libraries")).startsWith("junit=").doesNotContain("development");
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        return tags.stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
