package dev.sextant.registry;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.packaging.ModelFile;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageReader;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.registry.packaging.SignatureInference;
import dev.sextant.registry.packaging.SignatureJson;
import java.util.List;

/**
 * Reads a model package from the artifact store for registration: the MLmodel file, the SHA-256 of
 * every file, and the ONNX model, which must load (a corrupt file is refused now rather than when
 * it is first served). The signature is the MLmodel's; when it declares none, the one read from
 * the ONNX graph.
 */
public final class PackageInspector implements PackageReader {
    private final ArtifactStore artifacts;
    private final SignatureInference inference;

    public PackageInspector(ArtifactStore artifacts, SignatureInference inference) {
        this.artifacts = artifacts;
        this.inference = inference;
    }

    @Override
    public ModelContent read(PackageLocation location) {
        try {
            ModelPackage pkg = ModelPackageReader.read(PackageSource.artifacts(artifacts, location.storePath()));
            String onnx = pkg.onnxModel().orElseThrow(() -> SextantException.invalid("the MLmodel file has no ONNX "
                    + "flavor (flavors: " + pkg.mlModel().flavors().keySet() + "). Sextant registers ONNX models: "
                    + "export the model to ONNX and log it with the onnx flavor (e.g. mlflow.onnx.log_model)"));
            Signature inferred = inference.infer(pkg.source().read(onnx));
            Signature declared = pkg.mlModel().signature();
            Signature signature = declared.isEmpty() ? inferred : declared;
            List<FileDigest> files = pkg.manifest().entries().stream().map(PackageInspector::digest).toList();
            return new ModelContent(location.artifactUri(), pkg.digest(), onnx, files,
                    new ModelSignature(SignatureJson.write(signature.inputs()), SignatureJson.write(signature.outputs())),
                    declared.isEmpty());
        } catch (SextantException e) {
            if (e.code().httpStatus() >= 500) {
                throw e;
            }
            // Whatever the package lacks, the client's request is what is wrong: a 400 naming the source.
            throw new SextantException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot register a model version from '"
                    + location.artifactUri() + "': " + e.getMessage(), e);
        }
    }

    private static FileDigest digest(ModelFile file) {
        return new FileDigest(file.path(), file.sha256(), file.size());
    }
}
