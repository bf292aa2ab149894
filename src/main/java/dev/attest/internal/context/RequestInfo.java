package dev.attest.internal.context;

/**
 * Where the current work came from, captured once per HTTP request by Attest's filter. All values are
 * already bounded and neutralised.
 */
public record RequestInfo(String clientAddress, String userAgent, String method, String path, String requestId) {
}
