package dev.sextant.server.serving;

import dev.sextant.server.ServerTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of serving tests that move traffic between two versions of one registered model: the
 * logistic regression and a variant of it that answers differently, so every response shows which
 * version produced it.
 */
abstract class TwoVersionServerTest extends ServerTest {
    static ServingFixture fixture;
    static String model;
    static long v1;
    static long v2;

    @BeforeAll
    static void registerTwoVersions() {
        fixture = new ServingFixture(http);
        model = fixture.model("iris");
        v1 = fixture.registerLogreg(model);
        v2 = fixture.registerLogregVariant(model);
    }
}
