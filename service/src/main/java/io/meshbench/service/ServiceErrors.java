package io.meshbench.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Writes an {@link ApiError} as the one JSON error shape of every route. */
final class ServiceErrors {

    private ServiceErrors() {
    }

    static ObjectNode body(ApiError e) {
        ObjectNode out = Json.object();
        ObjectNode error = out.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("code", e.code());
        error.put("param", e.param());
        return out;
    }

    static void write(Context ctx, ApiError e) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"meshbench\"");
        }
        ctx.status(e.status());
        ctx.contentType("application/json");
        ctx.result(Json.write(body(e)));
    }
}
