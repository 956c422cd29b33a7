package dev.sextant.server.training;

import static dev.sextant.api.security.ResourceKind.EXPERIMENT;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.version.DatasetService;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
import dev.sextant.tracking.TrackingService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Training through the native API: {@code /training-runs} under {@code /api/v1}. Jobs train on
 * this server's workers and record their runs in process; they stop when the server stops.
 */
public final class TrainingApi {
    /** Who may submit a job; a worker checks it again when the job starts (see TrainingJobs). */
    static final Policy SUBMIT = Policy.edit(EXPERIMENT, Locator.none());

    private TrainingApi() {
    }

    /**
     * @param dataRoots the directories ({@code training.data-roots}) whose files may be trained on by
     *     server path; empty refuses every server path
     */
    public static Routes routes(TrackingService tracking, ArtifactStore artifacts, RegistryService registry,
                                Optional<DatasetService> datasets, Clock clock, String serverVersion,
                                long maxBodyBytes, List<Path> dataRoots) {
        TrainingJobs jobs = new TrainingJobs(JobLimits.forProcessors(Runtime.getRuntime().availableProcessors()),
                clock, new SecureRandom());
        return routes(jobs, new ServerTraining(tracking, artifacts, registry, clock, serverVersion),
                new DataSources(tracking, artifacts, datasets, DataRoots.of(dataRoots)), tracking, registry,
                maxBodyBytes);
    }

    /** The routes over given jobs and work, for tests that need other limits or a say in when work runs. */
    static Routes routes(TrainingJobs jobs, TrainingJobs.Work work, TrackingService tracking, ArtifactStore artifacts,
                         RegistryService registry, long maxBodyBytes, DataRoots dataRoots) {
        return routes(jobs, work, new DataSources(tracking, artifacts, Optional.empty(), dataRoots), tracking, registry,
                maxBodyBytes);
    }

    private static Routes routes(TrainingJobs jobs, TrainingJobs.Work work, DataSources sources,
                                 TrackingService tracking, RegistryService registry, long maxBodyBytes) {
        TrainingResource resource = new TrainingResource(jobs, work, sources, tracking, registry, maxBodyBytes);
        return new Routes()
                .get("/training-runs/{id}", Policy.read(EXPERIMENT, Locator.none()), resource::get)
                .get("/training-runs", Policy.read(EXPERIMENT, Locator.none()), resource::list)
                .post("/training-runs", SUBMIT, resource::submit)
                .onStop(jobs::close);
    }
}
