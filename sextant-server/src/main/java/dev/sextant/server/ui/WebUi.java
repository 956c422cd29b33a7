package dev.sextant.server.ui;

import dev.sextant.api.SextantException;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Policy;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The web UI: a single page at {@code /} whose ES modules live under {@code /ui/} and whose
 * JavaScript libraries come from WebJars under {@code /webjars/<name>/<file>} (the version is looked
 * up, so the pages need not name it). Navigation happens after {@code #}, so no other path is
 * claimed and the APIs keep their own 404s.
 */
public final class WebUi {
    /** Classpath folder of the UI's own files. */
    static final String ROOT = "sextant-ui/";
    /**
     * Scripts only from this server; images also from blob: URLs (artifact previews are fetched
     * with the bearer token, then shown); inline styles because the chart library sets them.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final StaticAssets assets;

    private WebUi(StaticAssets assets) {
        this.assets = assets;
    }

    public static WebUi fromClasspath() {
        return new WebUi(new StaticAssets(WebUi.class.getClassLoader()));
    }

    /** {@code GET /}, {@code GET /ui/…} and {@code GET /webjars/…}; register at the routing's root. */
    public Routes routes() {
        return new Routes()
                .get("/", Policy.open(), (req, res) -> send(req, res, assets.file(ROOT + "index.html")))
                .get("/ui/{+path}", Policy.open(), (req, res) -> send(req, res, assets.file(ROOT + path(req))))
                .get("/webjars/{name}/{+path}", Policy.open(), (req, res) -> send(req, res,
                        assets.webJar(req.path().pathParameters().get("name"), path(req))));
    }

    private static String path(ServerRequest req) {
        return req.path().pathParameters().get("path");
    }

    private static void send(ServerRequest req, ServerResponse res, Optional<Asset> found) {
        Asset asset = found.orElseThrow(() -> SextantException.notFound("The web UI has no file "
                + req.path().absolute().path() + ". Open / for the UI."));
        res.header(HeaderNames.ETAG, asset.etag());
        // The page and its modules change with the server; revalidation is one cheap 304.
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
        res.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        if (req.headers().value(HeaderNames.IF_NONE_MATCH).filter(asset.etag()::equals).isPresent()) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.send(asset.bytes());
    }
}
