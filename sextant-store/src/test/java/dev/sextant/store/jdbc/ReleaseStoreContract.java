package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.security.Role;
import dev.sextant.registry.FileDigest;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelSignature;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.NewModelVersion;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.Stage;
import dev.sextant.release.approval.Approval;
import dev.sextant.release.approval.Decision;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.Task;
import dev.sextant.release.gate.CheckResult;
import dev.sextant.release.gate.Verdict;
import dev.sextant.release.policy.StoredPolicy;
import dev.sextant.release.promotion.HistoryEntry;
import dev.sextant.release.promotion.Move;
import dev.sextant.release.promotion.MoveOutcome;
import dev.sextant.release.promotion.PromotionStore;
import dev.sextant.release.promotion.PromotionTarget;
import dev.sextant.release.webhook.Attempt;
import dev.sextant.release.webhook.Delivery;
import dev.sextant.release.webhook.Webhook;
import dev.sextant.release.webhook.WebhookStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evaluations, policies, verdicts, approvals, promotions and the webhook outbox, run against each database by a subclass. */
public abstract class ReleaseStoreContract {
    private static final PromotionTarget PRODUCTION = new PromotionTarget.StageTarget(Stage.PRODUCTION);
    private static final PromotionTarget CHAMPION = new PromotionTarget.AliasTarget("champion");

    private MetadataDatabase database;

    protected abstract MetadataDatabase openDatabase();

    @BeforeEach
    final void open() {
        database = openDatabase();
    }

    @AfterEach
    final void close() {
        database.close();
    }

    private ReleaseStores release() {
        return database.release();
    }

    private RegistryStore registry() {
        return database.registryStore();
    }

    private void model(String name, int versions) {
        registry().createRegisteredModel(name, "", List.of(), 1);
        for (int i = 0; i < versions; i++) {
            registry().createModelVersion(new NewModelVersion(name, "runs:/r" + i + "/model", "r" + i, "", "", "",
                    List.of(), new ModelContent("mlflow-artifacts:/0/r" + i + "/artifacts/model", "sha256:" + "ab".repeat(32),
                    "model.onnx", List.of(new FileDigest("model.onnx", "fe".repeat(32), 10)),
                    new ModelSignature("[]", "[]"), false)), 1);
        }
    }

    @Test
    void evaluationsAreKeptPerVersionAndDataNewestFirstAndFollowARename() {
        model("rain", 2);
        release().evaluations().save(evaluation("e1", "rain", 1, "aaa", 10));
        release().evaluations().save(evaluation("e2", "rain", 2, "aaa", 20));
        release().evaluations().save(evaluation("e3", "rain", 2, "bbb", 30));

        assertThat(release().evaluations().list("rain", OptionalLong.empty(), Optional.empty(), 10))
                .extracting(Evaluation::id).containsExactly("e3", "e2", "e1");
        assertThat(release().evaluations().list("rain", OptionalLong.of(2), Optional.of("aaa"), 10))
                .extracting(Evaluation::id).containsExactly("e2");
        assertThat(release().evaluations().list("rain", OptionalLong.empty(), Optional.of("aaa"), 1))
                .extracting(Evaluation::id).containsExactly("e2");
        Evaluation stored = release().evaluations().get("e3").orElseThrow();
        assertThat(stored).isEqualTo(evaluation("e3", "rain", 2, "bbb", 30));

        registry().renameRegisteredModel("rain", "precipitation", 40);
        assertThat(release().evaluations().get("e3").orElseThrow().model()).isEqualTo("precipitation");
        assertThat(release().evaluations().list("precipitation", OptionalLong.empty(), Optional.empty(), 10)).hasSize(3);
        assertThatThrownBy(() -> release().evaluations().save(evaluation("e4", "precipitation", 9, "aaa", 50)))
                .isInstanceOf(SextantException.class).extracting(e -> ((SextantException) e).code())
                .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void evaluationsOnOneDatasetAcrossModelsNewestFirstWithTheirDatasetVersion() {
        model("rain", 2);
        model("snow", 1);
        Evaluation onVersion = withVersion(evaluation("e1", "rain", 1, "aaa", 10), "datasets:/holdout/2");
        release().evaluations().save(onVersion);
        release().evaluations().save(evaluation("e2", "snow", 1, "aaa", 20));
        release().evaluations().save(evaluation("e3", "rain", 2, "bbb", 30));

        assertThat(release().evaluations().onDataset("aaa", 10)).extracting(e -> e.id() + " " + e.model())
                .containsExactly("e2 snow", "e1 rain");
        assertThat(release().evaluations().onDataset("aaa", 1)).extracting(Evaluation::id).containsExactly("e2");
        assertThat(release().evaluations().onDataset("ccc", 10)).isEmpty();
        assertThat(release().evaluations().get("e1").orElseThrow()).isEqualTo(onVersion);
        assertThat(release().evaluations().get("e1").orElseThrow().dataset().version()).contains("datasets:/holdout/2");
    }

    @Test
    void policiesPerModelBesideTheServerDefault() {
        model("rain", 1);
        release().policies().put(new StoredPolicy("", "targets: {}", 1, "root"));
        release().policies().put(new StoredPolicy("rain", "targets: {Production: {}}", 2, "alice"));
        release().policies().put(new StoredPolicy("rain", "targets: {Staging: {}}", 3, "bob"));

        assertThat(release().policies().get("rain")).contains(new StoredPolicy("rain", "targets: {Staging: {}}", 3, "bob"));
        assertThat(release().policies().get("")).contains(new StoredPolicy("", "targets: {}", 1, "root"));
        assertThat(release().policies().get("snow")).isEmpty();
        assertThat(release().policies().delete("rain")).isTrue();
        assertThat(release().policies().delete("rain")).isFalse();
        assertThat(release().policies().get("rain")).isEmpty();
        assertThatThrownBy(() -> release().policies().put(new StoredPolicy("snow", "targets: {}", 1, "x")))
                .isInstanceOf(SextantException.class).hasMessageContaining("snow");
    }

    @Test
    void verdictsAndApprovalsAreKeptWithTheVersion() {
        model("rain", 1);
        Verdict failed = Verdict.of(new Verdict.Facts("v1", "rain", 1, "Production", OptionalLong.empty(),
                Optional.of("e1"), "own", 5, "alice"), List.of(new CheckResult("accuracy >= 0.8", false, "0.7", ">= 0.8",
                "too low"), new CheckResult("artifact digests verified", true, "intact", "match", "")));
        Verdict passed = Verdict.of(new Verdict.Facts("v2", "rain", 1, "Production", OptionalLong.of(3), Optional.empty(),
                "own", 6, "alice"), List.of());
        release().verdicts().save(failed);
        release().verdicts().save(passed);
        assertThat(release().verdicts().get("v1")).contains(failed);
        assertThat(release().verdicts().list("rain", OptionalLong.of(1), Optional.of("Production"), 10))
                .containsExactly(passed, failed);
        assertThat(release().verdicts().list("rain", OptionalLong.of(1), Optional.of("champion"), 10)).isEmpty();

        Approval first = new Approval("a1", "rain", 1, "Production", "carol", Role.APPROVER, "compliance",
                Decision.REJECTED, "no review", 7);
        Approval second = new Approval("a2", "rain", 1, "Production", "carol", Role.APPROVER, "compliance",
                Decision.APPROVED, "", 8);
        release().approvals().save(second);
        release().approvals().save(first);
        assertThat(release().approvals().list("rain", 1, "Production")).containsExactly(first, second);
        assertThat(release().approvals().list("rain", 1, "Staging")).isEmpty();
    }

    @Test
    void aMoveIsAllOrNothingAndKeepsTheReplacedVersionAsPrevious() {
        model("rain", 3);
        PromotionStore promotions = release().promotions();
        MoveOutcome first = promotions.move(move("rain", PRODUCTION, 1, OptionalLong.empty(), 100));
        assertThat(first).isInstanceOf(MoveOutcome.Moved.class);
        assertThat(promotions.holder("rain", PRODUCTION)).hasValue(1);

        MoveOutcome stale = promotions.move(move("rain", PRODUCTION, 3, OptionalLong.empty(), 150));
        assertThat(stale).isEqualTo(new MoveOutcome.Conflict(OptionalLong.of(1)));
        assertThat(stage("rain", 3)).isEqualTo(Stage.NONE);

        MoveOutcome second = promotions.move(move("rain", PRODUCTION, 2, OptionalLong.of(1), 200));
        HistoryEntry entry = ((MoveOutcome.Moved) second).entry();
        assertThat(entry.previousVersion()).hasValue(1);
        assertThat(stage("rain", 2)).isEqualTo(Stage.PRODUCTION);
        assertThat(stage("rain", 1)).isEqualTo(Stage.ARCHIVED);
        assertThat(registry().aliasVersion("rain", "previous")).hasValue(1);

        promotions.move(move("rain", CHAMPION, 3, OptionalLong.empty(), 250));
        promotions.move(move("rain", CHAMPION, 2, OptionalLong.of(3), 260));
        assertThat(registry().aliasVersion("rain", "champion")).hasValue(2);
        assertThat(registry().aliasVersion("rain", "previous-champion")).hasValue(3);
        assertThat(promotions.holder("rain", CHAMPION)).hasValue(2);

        assertThat(promotions.history("rain", Optional.of("Production"), 10)).extracting(HistoryEntry::version)
                .containsExactly(2L, 1L);
        assertThat(promotions.history("rain", Optional.empty(), 10)).hasSize(4);
        assertThat(promotions.entryAt("rain", "Production", 99)).isEmpty();
        assertThat(promotions.entryAt("rain", "Production", 199).orElseThrow().version()).isEqualTo(1);
        HistoryEntry at = promotions.entryAt("rain", "Production", 200).orElseThrow();
        assertThat(at).isEqualTo(entry);
        assertThat(at.actor()).isEqualTo("alice");
        assertThat(at.reason()).isEqualTo("reason 2");
        assertThatThrownBy(() -> promotions.move(move("rain", PRODUCTION, 9, OptionalLong.of(2), 300)))
                .isInstanceOf(SextantException.class).hasMessageContaining("9");
    }

    @Test
    void ofFiftyConcurrentPromotionsFromTheSameStateExactlyOneWins() throws Exception {
        model("rain", 51);
        PromotionStore promotions = release().promotions();
        promotions.move(move("rain", PRODUCTION, 1, OptionalLong.empty(), 1));
        int attempts = 50;
        CyclicBarrier start = new CyclicBarrier(attempts);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            long version = i + 2;
            calls.add(() -> {
                start.await();
                try {
                    return promotions.move(move("rain", PRODUCTION, version, OptionalLong.of(1), 10 + version));
                } catch (SextantException e) {
                    return e;
                }
            });
        }
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (Future<Object> future : pool.invokeAll(calls)) {
                outcomes.add(future.get());
            }
        }
        List<MoveOutcome.Moved> won = outcomes.stream().filter(MoveOutcome.Moved.class::isInstance)
                .map(MoveOutcome.Moved.class::cast).toList();
        assertThat(won).hasSize(1);
        for (Object other : outcomes) {
            if (!(other instanceof MoveOutcome.Moved)) {
                boolean refused = other instanceof MoveOutcome.Conflict
                        || other instanceof SextantException e && e.code() == ErrorCode.RESOURCE_CONFLICT;
                assertThat(refused).as("%s", other).isTrue();
            }
        }
        long winner = won.getFirst().entry().version();
        assertThat(promotions.holder("rain", PRODUCTION)).hasValue(winner);
        List<HistoryEntry> history = promotions.history("rain", Optional.of("Production"), 100);
        assertThat(history).extracting(HistoryEntry::version).containsExactly(winner, 1L);
        assertThat(history.getFirst().previousVersion()).hasValue(1);
        long inProduction = registry().searchModelVersions(new dev.sextant.registry.RegistryQuery(List.of(), List.of(), 0,
                1000)).stream().filter(v -> v.currentStage() == Stage.PRODUCTION).count();
        assertThat(inProduction).isEqualTo(1);
        assertThat(registry().aliasVersion("rain", "previous")).hasValue(1);
    }

    @Test
    void deliveriesAreClaimedByOneDispatcherAtATimeAndRecordEveryAttempt() throws Exception {
        WebhookStore webhooks = release().webhooks();
        webhooks.create(new Webhook("w1", "http://127.0.0.1:9/hook", List.of("model.promoted"), "", "whsec_0123456789abcdef",
                1, "root"));
        List<Delivery> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(new Delivery("d" + i, "w1", "e" + i, "model.promoted", "{\"n\":" + i + "}", Delivery.Status.PENDING,
                    0, 100, OptionalInt.empty(), "", 100 + i, java.util.OptionalLong.empty()));
        }
        webhooks.enqueue(queued);
        assertThat(webhooks.claimDue(99, 1000, 50)).isEmpty();

        Set<String> claimed = Collections.synchronizedSet(new HashSet<>());
        List<String> twice = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Void>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(() -> {
                    for (Delivery d : webhooks.claimDue(200, 10_000, 50)) {
                        if (!claimed.add(d.id())) {
                            twice.add(d.id());
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(claimers)) {
                f.get();
            }
        }
        assertThat(claimed).hasSize(20);
        assertThat(twice).isEmpty();
        assertThat(webhooks.claimDue(300, 10_000, 50)).as("held until the lease ends").isEmpty();

        webhooks.recordAttempt(new Attempt("d0", 1, 400, OptionalInt.of(500), "the receiver answered 500", 12),
                Delivery.Status.PENDING, 1400);
        assertThat(webhooks.claimDue(1000, 20_000, 50)).isEmpty();
        assertThat(webhooks.claimDue(1400, 20_000, 50)).extracting(Delivery::id).containsExactly("d0");
        webhooks.recordAttempt(new Attempt("d0", 2, 1500, OptionalInt.of(204), "", 3), Delivery.Status.DELIVERED, 1503);

        Delivery d0 = webhooks.delivery("d0").orElseThrow();
        assertThat(d0.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(d0.attempts()).isEqualTo(2);
        assertThat(d0.deliveredAt()).hasValue(1503);
        assertThat(d0.lastStatusCode()).hasValue(204);
        assertThat(webhooks.attempts("d0")).extracting(Attempt::statusCode)
                .containsExactly(OptionalInt.of(500), OptionalInt.of(204));
        assertThat(webhooks.deliveries("w1", 5)).extracting(Delivery::id).containsExactly("d19", "d18", "d17", "d16", "d15");

        assertThat(webhooks.delete("w1")).isTrue();
        assertThat(webhooks.get("w1")).isEmpty();
        assertThat(webhooks.delivery("d5").orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
    }

    private Stage stage(String model, long version) {
        return registry().getModelVersion(model, version).map(ModelVersion::currentStage).orElseThrow();
    }

    private static Move move(String model, PromotionTarget target, long version, OptionalLong expected, long at) {
        return new Move(model, target, version, expected, HistoryEntry.Action.PROMOTED, "alice", "reason " + version,
                Optional.of("verdict-" + version), at);
    }

    private static Evaluation withVersion(Evaluation e, String uri) {
        return new Evaluation(e.id(), e.model(), e.version(), e.dataset().withVersion(Optional.of(uri)), e.target(),
                e.task(), e.metrics(), e.averaging(), e.slices(), e.robustness(), e.latency(), e.createdAt(), e.createdBy());
    }

    private static Evaluation evaluation(String id, String model, long version, String sha, long at) {
        return new Evaluation(id, model, version, new Evaluation.DatasetRef("holdout.csv", sha, 120), "weather",
                Task.CLASSIFICATION, Map.of("accuracy", 0.8), "macro", List.of(new Evaluation.SliceResult("location",
                "Seattle", 60, Map.of("accuracy", 0.9))), List.of(new Evaluation.RobustnessResult("missing(wind)", "wind",
                Map.of("accuracy", 0.7))), Optional.of(new Evaluation.Latency(0.5, 1.5, 100)), at, "alice");
    }
}
