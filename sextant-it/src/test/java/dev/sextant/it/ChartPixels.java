package dev.sextant.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

/**
 * Reads a chart's canvas back from the page: how many opaque pixels are drawn in (about) a given
 * colour. The grid and the labels are grey or black, so coloured pixels are the curves themselves.
 */
final class ChartPixels {
    private static final String COUNT = """
            ([selector, hex]) => {
              const canvas = document.querySelector(selector);
              if (!canvas || canvas.width === 0) return 0;
              const want = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let count = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] < 200) continue;
                const distance = Math.abs(data[i] - want[0]) + Math.abs(data[i + 1] - want[1])
                  + Math.abs(data[i + 2] - want[2]);
                if (distance < 60) count++;
              }
              return count;
            }""";

    private ChartPixels() {
    }

    /** Pixels near {@code hex} (#rrggbb) in the canvas at {@code selector} right now. */
    static int near(Page page, String selector, String hex) {
        return ((Number) page.evaluate(COUNT, new Object[] {selector, hex})).intValue();
    }

    /**
     * Waits until the canvas has at least {@code minimum} such pixels (drawing may lag the DOM by
     * a frame) and returns the count; returns the last count if the wait times out.
     */
    static int awaitAtLeast(Page page, String selector, String hex, int minimum) {
        try {
            page.waitForFunction("([selector, hex, minimum]) => (" + COUNT + ")([selector, hex]) >= minimum",
                    new Object[] {selector, hex, minimum}, new Page.WaitForFunctionOptions().setTimeout(10_000));
        } catch (PlaywrightException timedOut) {
            // the caller's assertion reports the count
        }
        return near(page, selector, hex);
    }
}
