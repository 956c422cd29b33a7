package dev.sextant.server.mlflow;

import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.Routes;
import io.helidon.webserver.http.ServerRequest;

/** MLflow's request encoding: GET parameters come from the query string, everything else from a JSON body. */
final class MlflowRequests {
    private final long maxBodyBytes;

    MlflowRequests(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    Fields read(ServerRequest req) {
        if (Routes.readsLikeGet(req)) {
            return RequestBodies.query(req);
        }
        return RequestBodies.json(req, ApiStyle.MLFLOW, maxBodyBytes);
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }
}
