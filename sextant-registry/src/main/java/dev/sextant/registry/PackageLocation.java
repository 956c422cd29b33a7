package dev.sextant.registry;

/**
 * Where a registration source's model package lives.
 *
 * @param artifactUri the package's artifact URI, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/model}
 * @param storePath the same place as a path in the artifact store, e.g. {@code 1/<run>/artifacts/model}
 * @param runId the run that logged the package, "" when the source does not say
 */
public record PackageLocation(String artifactUri, String storePath, String runId) {
}
