package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Signing in to the web UI of a server that requires tokens, the way a person does: through the dialog. */
final class BrowserSignIn {
    private BrowserSignIn() {
    }

    /**
     * Opens {@code route}; the server answers 401, the sign-in dialog asks for the token, and the
     * header then names {@code user}.
     */
    static void open(Page page, String baseUrl, String route, String token, String user) {
        page.navigate(baseUrl + "/#" + route);
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Sign in"));
        assertThat(dialog).isVisible();
        page.getByLabel("API token").fill(token);
        page.getByLabel("API token").press("Enter");
        assertThat(dialog).isHidden();
        assertThat(page.locator("#session-user")).containsText(user);
    }
}
