package dev.sextant.serving.endpoint;

import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentRuntime;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.deployment.TrafficPolicy;
import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.InferenceRecord;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import dev.sextant.serving.traffic.Route;
import dev.sextant.serving.traffic.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployments this server is serving, and the inference path through them: route by policy,
 * run the model (batched when configured), record metrics and the inference log, mirror to a
 * shadow. Implements {@link DeploymentRuntime}: a change loads and warms its models before
 * traffic moves, and what it replaces is closed after its requests in flight finish.
 */
public final class ServingPlane implements DeploymentRuntime, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingPlane.class);

    private final ModelLoader loader;
    private final ServingMetrics metrics;
    private final InferenceLog log;
    private final Clock clock;
    private final Supplier<RandomGenerator> random;
    private final ShadowRunner shadows;
    private final ConcurrentHashMap<String, LiveDeployment> live = new ConcurrentHashMap<>();

    public ServingPlane(ModelLoader loader, ServingMetrics metrics, InferenceLog log, Clock clock,
                        Supplier<RandomGenerator> random) {
        this.loader = loader;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.random = random;
        this.shadows = new ShadowRunner(log);
        metrics.watchLogDrops(log::dropped, log::written);
    }

    // ---- changes

    @Override
    public Prepared prepare(Deployment deployment) {
        LiveDeployment current = live.get(deployment.name());
        Router router = Router.of(deployment, random);
        if (current != null && current.sameModels(deployment)) {
            return new Prepared() {
                @Override
                public void activate() {
                    current.reroute(deployment, router);
                }

                @Override
                public void discard() {
                }
            };
        }
        LiveDeployment next = load(deployment, router);
        return new Prepared() {
            @Override
            public void activate() {
                LiveDeployment replaced = live.put(deployment.name(), next);
                if (replaced != null) {
                    replaced.retire();
                }
            }

            @Override
            public void discard() {
                next.retire();
            }
        };
    }

    @Override
    public void remove(String name) {
        LiveDeployment removed = live.remove(name);
        if (removed != null) {
            removed.retire();
        }
    }

    @Override
    public Map<String, Long> servedGenerations() {
        Map<String, Long> generations = new LinkedHashMap<>();
        live.forEach((name, deployment) -> generations.put(name, deployment.deployment().generation()));
        return generations;
    }

    private LiveDeployment load(Deployment deployment, Router router) {
        Map<String, LiveModel> models = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ServedVersion> slot : deployment.versions().entrySet()) {
                LoadedModel model = loader.load(slot.getValue());
                warm(deployment.name(), slot.getValue(), model);
                models.put(slot.getKey(), new LiveModel(deployment.name(), slot.getKey(), slot.getValue(), model,
                        deployment.spec().batching(), metrics));
            }
        } catch (RuntimeException e) {
            models.values().forEach(LiveModel::close);
            throw e;
        }
        return new LiveDeployment(deployment, models, router);
    }

    private static void warm(String deployment, ServedVersion version, LoadedModel model) {
        Optional<InferenceInputs> zeros = Warmup.inputs(model);
        if (zeros.isEmpty()) {
            return;
        }
        try {
            for (int i = 0; i < Warmup.CALLS; i++) {
                model.predict(zeros.get());
            }
        } catch (RuntimeException e) {
            // Zeros are not every model's idea of valid input; real requests will tell.
            LOG.warn("Warm-up of {} for deployment '{}' failed: {}", version.uri(), deployment, e.getMessage());
        }
    }

    // ---- inference

    /** Runs one request through its deployment; unknown deployments and versions are a 404. */
    public InferenceResult infer(InferenceCall call) {
        LiveDeployment deployment = acquire(call.deployment());
        try {
            LiveModel model = pick(deployment, call);
            Route route = call.version().isPresent() ? new Route(model.slot, Optional.empty()) : null;
            InferenceInputs inputs = withoutStickyInput(deployment, model, call.inputs());
            // Most requests are not in the log's sample: they need no wall-clock time.
            Optional<Instant> received = log.sampled() ? Optional.of(clock.instant()) : Optional.empty();
            long start = System.nanoTime();
            InferenceOutputs outputs;
            try {
                outputs = model.predict(inputs);
            } catch (SextantException e) {
                long elapsed = System.nanoTime() - start;
                model.record(elapsed, e.code().httpStatus());
                logRecord(call, model, received, elapsed, inputs, Optional.empty(), e.code().httpStatus(), e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                long elapsed = System.nanoTime() - start;
                model.record(elapsed, 500);
                logRecord(call, model, received, elapsed, inputs, Optional.empty(), 500, e.toString());
                throw e;
            }
            long elapsed = System.nanoTime() - start;
            model.record(elapsed, 200);
            logRecord(call, model, received, elapsed, inputs, Optional.of(outputs), 200, "");
            if (route == null) {
                mirror(deployment, call, inputs, model, outputs);
            }
            return new InferenceResult(call.deployment(), model.slot, model.version, outputs);
        } finally {
            deployment.release();
        }
    }

    private LiveModel pick(LiveDeployment deployment, InferenceCall call) {
        if (call.version().isPresent()) {
            long version = call.version().get();
            return deployment.serving(version).orElseThrow(() -> SextantException.notFound("Deployment '"
                    + call.deployment() + "' does not serve version " + version + "; it serves "
                    + versions(deployment) + "."));
        }
        Router router = deployment.router();
        Route route = router.route(() -> stickyKey(router, call));
        return deployment.model(route.slot());
    }

    private void mirror(LiveDeployment deployment, InferenceCall call, InferenceInputs inputs, LiveModel primary,
                        InferenceOutputs outputs) {
        if (!(deployment.deployment().policy() instanceof TrafficPolicy.Shadow)) {
            return;
        }
        Router router = deployment.router();
        Optional<String> mirror = router.route(Optional::empty).mirror();
        if (mirror.isEmpty()) {
            return;
        }
        LiveModel shadow = deployment.model(mirror.get());
        if (!deployment.tryAcquire()) {
            return;
        }
        if (!shadows.submit(call.requestId(), call.deployment(), primary, shadow, inputs, outputs, deployment::release)) {
            deployment.release();
        }
    }

    private static Optional<String> stickyKey(Router router, InferenceCall call) {
        return router.stickyKey().flatMap(key -> switch (key.source()) {
            case HEADER -> call.header().apply(key.name()).filter(v -> !v.isEmpty());
            case INPUT -> Optional.ofNullable(call.inputs().tensors().get(key.name())).flatMap(ServingPlane::firstValue);
        });
    }

    private static Optional<String> firstValue(Tensor tensor) {
        if (tensor.elementCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(switch (tensor.datatype()) {
            case BYTES -> tensor.strings()[0];
            case INT64 -> Long.toString(tensor.longs()[0]);
            case INT32 -> Integer.toString(tensor.ints()[0]);
            case FP64 -> Double.toString(tensor.doubles()[0]);
            case FP32 -> Float.toString(tensor.floats()[0]);
            case BOOL -> Boolean.toString(tensor.bools()[0]);
            default -> "";
        });
    }

    /** A sticky-key input the model does not take is routing information only: it is not passed on. */
    private static InferenceInputs withoutStickyInput(LiveDeployment deployment, LiveModel model, InferenceInputs inputs) {
        Optional<String> field = deployment.router().stickyKey()
                .filter(k -> k.source() == TrafficPolicy.StickyKey.Source.INPUT).map(TrafficPolicy.StickyKey::name);
        if (field.isEmpty() || !inputs.tensors().containsKey(field.get()) || model.hasInput(field.get())) {
            return inputs;
        }
        Map<String, Tensor> rest = new LinkedHashMap<>(inputs.tensors());
        rest.remove(field.get());
        return new InferenceInputs(rest, inputs.requestedOutputs());
    }

    /** {@code received} is present when the request is in the log's sample. */
    private void logRecord(InferenceCall call, LiveModel model, Optional<Instant> received, long elapsed,
                           InferenceInputs inputs, Optional<InferenceOutputs> outputs, int status, String error) {
        if (received.isPresent()) {
            log.offer(new InferenceRecord(call.requestId(), call.deployment(), model.slot, model.version.uri(),
                    call.protocol(), received.get(), elapsed, inputs, outputs, status, error));
        }
    }

    private LiveDeployment acquire(String name) {
        while (true) {
            LiveDeployment deployment = live.get(name);
            if (deployment == null) {
                throw SextantException.notFound("No deployment named '" + name + "' is being served. Create one with "
                        + "'sextant deployments create " + name + " --model models:/<model>/<version>'.");
            }
            if (deployment.tryAcquire()) {
                return deployment;
            }
            // Replaced between the lookup and the lease: the map already holds the successor.
        }
    }

    // ---- what is served

    /** Names of the deployments being served. */
    /** What this server counted for the deployment's slots and versions since it started (none when never loaded). */
    public List<SlotCounts> counts(String name) {
        return metrics.counts(name);
    }

    public List<String> names() {
        return new ArrayList<>(live.keySet());
    }

    public boolean isServing(String name) {
        return live.containsKey(name);
    }

    /** The deployment as currently served (policy and rollout included). */
    public Optional<Deployment> served(String name) {
        return Optional.ofNullable(live.get(name)).map(LiveDeployment::deployment);
    }

    /** Model metadata of a deployment: of {@code version} when given, else of the slot most traffic goes to. */
    public ModelMetadata metadata(String name, Optional<Long> version) {
        LiveDeployment deployment = acquire(name);
        try {
            LiveModel model = version.isPresent()
                    ? deployment.serving(version.get()).orElseThrow(() -> SextantException.notFound("Deployment '" + name
                    + "' does not serve version " + version.get() + "; it serves " + versions(deployment) + "."))
                    : deployment.model(mainSlot(deployment.deployment()));
            return new ModelMetadata(name, versions(deployment), model.version, model.model.inputs(),
                    model.model.outputs());
        } finally {
            deployment.release();
        }
    }

    /** The inputs of the model most of a deployment's traffic goes to: what its scoring requests must feed. */
    public List<TensorMetadata> inputs(String name) {
        LiveDeployment deployment = acquire(name);
        try {
            return deployment.model(mainSlot(deployment.deployment())).model.inputs();
        } finally {
            deployment.release();
        }
    }

    /** Window statistics of each slot, for the canary controller. */
    Optional<Map<String, LiveModel>> slots(String name) {
        return Optional.ofNullable(live.get(name)).map(LiveDeployment::models);
    }

    static String mainSlot(Deployment deployment) {
        return switch (deployment.policy()) {
            case TrafficPolicy.Single s -> TrafficPolicy.PRIMARY;
            case TrafficPolicy.Shadow s -> TrafficPolicy.PRIMARY;
            case TrafficPolicy.BlueGreen bg -> bg.active();
            case TrafficPolicy.Canary c -> deployment.rollout().canaryPercent() > 50 ? TrafficPolicy.CANARY
                    : TrafficPolicy.STABLE;
            case TrafficPolicy.AbTest ab -> ab.variants().stream().max((a, b) -> Integer.compare(a.weight(), b.weight()))
                    .orElseThrow().name();
        };
    }

    private static List<String> versions(LiveDeployment deployment) {
        return deployment.models().values().stream().map(m -> Long.toString(m.version.version())).distinct().sorted()
                .toList();
    }

    @Override
    public void close() {
        shadows.close();
        List<String> names = new ArrayList<>(live.keySet());
        names.forEach(this::remove);
    }
}
