package io.meshbench.service;

/**
 * A request the service refuses, as one JSON error: {@code {"error": {"message", "type", "code",
 * "param"}}}, the shape OpenAI's API uses, so that OpenAI clients show the message too. Every
 * refusal of every route goes through this class; docs/serve.md lists the codes.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;

    ApiError(int status, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    static ApiError badJson(String message) {
        return new ApiError(400, "bad_json", message, null);
    }

    static ApiError missing(String field, String what) {
        return new ApiError(400, "missing_field", "the request has no \"" + field + "\": " + what, field);
    }

    static ApiError badField(String field, String message) {
        return new ApiError(400, "bad_field", "\"" + field + "\" " + message, field);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** OpenAI's error type for this status. */
    String type() {
        return switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 413, 400, 405, 409 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    String param() {
        return param;
    }
}
