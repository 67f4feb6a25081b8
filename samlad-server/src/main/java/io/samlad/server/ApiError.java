package io.samlad.server;

/**
 * A request the server refuses, with the HTTP status and a stable machine-readable code; answered as
 * {@code {"error": code, "message": message}}. The message names the problem in one line.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiError(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError tooLarge(String code, String message) {
        return new ApiError(413, code, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
