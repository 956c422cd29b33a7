package dev.sextant.it;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system's Chromium (Debian's {@code chromium} package), driven headless by Playwright with a
 * fresh profile. Playwright downloads no browser of its own: the executable is given, and
 * {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD} is set.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Quiet and offline: no first-run UI, no background traffic, no updates. */
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final BrowserContext context;

    private HeadlessChromium(Playwright playwright, BrowserContext context) {
        this.playwright = playwright;
        this.context = context;
    }

    /** A laptop-sized window (1366×768) on a new, empty profile. */
    static HeadlessChromium launch(Path profile) {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(ARGS)
                            .setViewportSize(1366, 768));
            return new HeadlessChromium(playwright, context);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    BrowserContext context() {
        return context;
    }

    private static Path executable() {
        Path path = Path.of(System.getProperty("sextant.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The web UI tests drive the system's Chromium, and there is none at " + path
                    + ". Install it (apt-get install chromium; ./run-tests does) or point -Dsextant.chromium at one.");
        }
        return path;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            playwright.close();
        }
    }
}
