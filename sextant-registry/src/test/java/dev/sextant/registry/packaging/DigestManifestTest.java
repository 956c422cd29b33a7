package dev.sextant.registry.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestManifestTest {
    private static final ModelFile MLMODEL = file("MLmodel", "flavors: {}\n");
    private static final ModelFile ONNX = file("model.onnx", "onnx bytes");

    @Test
    void digestIsIndependentOfTheOrderFilesWereListed() {
        assertThat(DigestManifest.of(List.of(MLMODEL, ONNX)).digest())
                .isEqualTo(DigestManifest.of(List.of(ONNX, MLMODEL)).digest())
                .startsWith("sha256:")
                .hasSize("sha256:".length() + 64);
    }

    @Test
    void digestChangesWithAnyFileContentOrName() {
        String original = DigestManifest.of(List.of(MLMODEL, ONNX)).digest();

        assertThat(DigestManifest.of(List.of(MLMODEL, file("model.onnx", "onnx bytez"))).digest()).isNotEqualTo(original);
        assertThat(DigestManifest.of(List.of(MLMODEL, new ModelFile("other.onnx", ONNX.sha256(), ONNX.size()))).digest())
                .isNotEqualTo(original);
        assertThat(DigestManifest.of(List.of(MLMODEL)).digest()).isNotEqualTo(original);
    }

    @Test
    void knownDigestOfAKnownFile() {
        // sha256("abc") from FIPS 180-2, appendix B.1
        assertThat(file("a", "abc").sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void jsonRoundTripIsExactAndTamperingIsRefused() {
        DigestManifest manifest = DigestManifest.of(List.of(MLMODEL, ONNX));
        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.read(json)).isEqualTo(manifest);
        assertThat(ManifestJson.write(ManifestJson.read(json))).isEqualTo(json);
        String tampered = new String(json, StandardCharsets.UTF_8).replace("\"size\" : 10", "\"size\" : 11");
        assertThat(tampered).isNotEqualTo(new String(json, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ManifestJson.read(tampered.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("declares digest");
    }

    @Test
    void differencesNameEachFile() {
        DigestManifest expected = DigestManifest.of(List.of(MLMODEL, ONNX));
        DigestManifest actual = DigestManifest.of(List.of(MLMODEL, file("model.onnx", "changed"), file("extra.txt", "x")));

        assertThat(actual.differencesFrom(expected)).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("'model.onnx' has SHA-256"))
                .anySatisfy(line -> assertThat(line).isEqualTo("'extra.txt' is not in the manifest"));
        assertThat(DigestManifest.of(List.of(MLMODEL)).differencesFrom(expected))
                .containsExactly("'model.onnx' is missing");
        assertThat(expected.differencesFrom(expected)).isEmpty();
    }

    @Test
    void refusesPathsThatLeaveThePackageAndBadDigests() {
        assertThatThrownBy(() -> new ModelFile("../etc/passwd", ONNX.sha256(), 1)).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new ModelFile("/abs", ONNX.sha256(), 1)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new ModelFile("a", "ABC", 1)).hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> DigestManifest.of(List.of(ONNX, ONNX))).hasMessageContaining("listed twice");
    }

    static ModelFile file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new ModelFile(path, Sha256.hex(bytes), bytes.length);
    }
}
