package io.meshbench.service;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may use the API: anyone on this machine when the service listens on loopback and has no
 * token; otherwise only requests that carry the token, as {@code Authorization: Bearer TOKEN} (or,
 * for the page's event stream, which a browser cannot give headers, {@code ?access_token=TOKEN}).
 * Compared in constant time.
 */
final class Access {

    private final byte[] token;

    Access(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** 32 random bytes, base64url: what `serve` prints when it binds beyond loopback. */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean required() {
        return token != null;
    }

    void check(Context ctx) {
        if (token == null) {
            return;
        }
        String given = null;
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiError(401, "bad_token", "the Authorization header must be \"Bearer TOKEN\" with the token "
                        + "meshbench serve printed", null);
            }
            given = header.substring(7).trim();
        } else if (ctx.path().equals("/api/events")) {
            given = ctx.queryParam("access_token");
        }
        if (given == null || given.isEmpty()) {
            throw new ApiError(401, "missing_token", "this service needs a token: send \"Authorization: Bearer TOKEN\" "
                    + "with the token meshbench serve printed at start", null);
        }
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "bad_token", "the token is wrong; use the one meshbench serve printed at start", null);
        }
    }
}
