package dev.sextant.serving.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.serving.deployment.TrafficPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryJudgeTest {
    private static final TrafficPolicy.Canary POLICY = new TrafficPolicy.Canary("models:/m/1", "models:/m/2", 10,
            List.of(25, 50, 100), Duration.ofMinutes(5), new TrafficPolicy.CanaryAnalysis(0.05, 2.0, 20));

    @Test
    void rollsBackWhenTheErrorRateIsAboveTheLimitWhateverTheStep() {
        CanaryJudge.Verdict verdict = CanaryJudge.judge(POLICY, 10, Duration.ofSeconds(3),
                stats(500, 0, 1_000_000), stats(40, 5, 1_000_000));
        assertThat(verdict).isInstanceOfSatisfying(CanaryJudge.Verdict.RollBack.class,
                back -> assertThat(back.reason()).contains("error rate 0.125").contains("5 of 40"));
    }

    @Test
    void rollsBackWhenP99IsTooSlowAgainstStable() {
        CanaryJudge.Verdict verdict = CanaryJudge.judge(POLICY, 10, Duration.ofSeconds(3),
                stats(500, 0, 1_000_000), stats(40, 0, 2_500_000));
        assertThat(verdict).isInstanceOfSatisfying(CanaryJudge.Verdict.RollBack.class,
                back -> assertThat(back.reason()).contains("p99"));
    }

    @Test
    void waitsForEnoughRequestsAndForTheStepInterval() {
        assertThat(CanaryJudge.judge(POLICY, 10, Duration.ofMinutes(10), stats(500, 0, 1), stats(5, 2, 1)))
                .isInstanceOf(CanaryJudge.Verdict.Wait.class);
        assertThat(CanaryJudge.judge(POLICY, 10, Duration.ofMinutes(4), stats(500, 0, 1), stats(100, 0, 1)))
                .isInstanceOf(CanaryJudge.Verdict.Wait.class);
    }

    @Test
    void advancesToTheNextStepOnceHealthyAndDue() {
        assertThat(CanaryJudge.judge(POLICY, 10, Duration.ofMinutes(5), stats(500, 0, 1_000_000), stats(100, 1, 1_100_000)))
                .isEqualTo(new CanaryJudge.Verdict.Advance(25));
        assertThat(CanaryJudge.judge(POLICY, 50, Duration.ofMinutes(6), stats(500, 0, 1_000_000), stats(100, 0, 900_000)))
                .isEqualTo(new CanaryJudge.Verdict.Advance(100));
        assertThat(CanaryJudge.judge(POLICY, 100, Duration.ofMinutes(6), stats(500, 0, 1_000_000), stats(100, 0, 900_000)))
                .isInstanceOf(CanaryJudge.Verdict.Wait.class);
    }

    private static WindowStats.Snapshot stats(long requests, long errors, long p99) {
        return new WindowStats.Snapshot(requests, errors, p99);
    }
}
