package dev.sextant.it;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A web UI test: one server and one headless Chromium for the class (the subclass starts both in
 * its {@code @BeforeAll}), and a fresh page for every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
    private final int pageTimeoutMillis;
    ServerProcess server;
    HeadlessChromium chromium;
    Page page;

    BrowserTest(int pageTimeoutMillis) {
        this.pageTimeoutMillis = pageTimeoutMillis;
    }

    /** Runs {@code seeding} against the started server; a failure carries the server's output, which says why. */
    void seed(Runnable seeding) {
        try {
            seeding.run();
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("seeding failed; server output:\n" + server.outputTail(), e);
        }
    }

    @BeforeEach
    void openPage() {
        page = chromium.context().newPage();
        page.setDefaultTimeout(pageTimeoutMillis);
    }

    @AfterEach
    void closePage() {
        page.close();
    }

    @AfterAll
    void stopBrowserAndServer() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
