package dev.sextant.server.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.registry.RegistryService;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.provenance.Provenance;
import dev.sextant.training.recording.RecordedRun;
import dev.sextant.training.recording.RecordedTraining;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBDriver;
import org.tribuo.Tribuo;

/**
 * What a worker does for one job: reads the staged data, trains, and records the run through
 * {@link ServiceTrainingRecorder}, with tags saying where the run came from: the client's code
 * (git, when the request says), the server's environment, and the job.
 */
final class ServerTraining implements TrainingJobs.Work {
    static final String JOB_TAG = "sextant.training.job_id";
    static final String SOURCE_NAME = "POST /api/v1/training-runs";

    private final TrackingService tracking;
    private final ArtifactStore artifacts;
    private final RegistryService registry;
    private final Clock clock;
    private final List<Tag> environment;

    ServerTraining(TrackingService tracking, ArtifactStore artifacts, RegistryService registry, Clock clock,
                   String serverVersion) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.registry = registry;
        this.clock = clock;
        this.environment = environment(serverVersion);
    }

    @Override
    public RecordedRun run(TrainingJob job) {
        job.progress("reading the data", 0);
        TrainingRequest request = job.request();
        Dataset dataset = new TableReader().read(job.data().file());
        RecordedTraining training = new RecordedTraining(new ServiceTrainingRecorder(tracking, artifacts, registry,
                job::runCreated), clock);
        return training.run(dataset, job.data().source(), request.options(), request.experiment(),
                request.register(), provenance(job), job::progress);
    }

    /** Provenance first and the client's tags last, so that tags the client sets explicitly win. */
    private List<Tag> provenance(TrainingJob job) {
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag(Provenance.SOURCE_TYPE, "JOB"));
        tags.add(new Tag(Provenance.SOURCE_NAME, SOURCE_NAME));
        tags.addAll(job.request().sourceTags());
        tags.addAll(environment);
        tags.add(new Tag(JOB_TAG, job.id()));
        tags.addAll(job.request().tags());
        return tags;
    }

    /** The JVM, OS, server version and the libraries that train and read data, as the CLI records them. */
    private static List<Tag> environment(String serverVersion) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : Provenance.environment(Map.of("tribuo", Tribuo.class, "duckdb", DuckDBDriver.class,
                "jackson", ObjectMapper.class))) {
            if (tag.key().equals("sextant.version")) {
                tags.add(new Tag(tag.key(), serverVersion));
            } else {
                tags.add(tag);
            }
        }
        tags.addAll(Provenance.environment(Map.of("tribuo", Tribuo.class)).stream()
                .filter(tag -> tag.key().equals("sextant.env.libraries"))
                .map(tag -> new Tag("sextant.env.trainer", tag.value())).toList());
        return List.copyOf(tags);
    }
}
