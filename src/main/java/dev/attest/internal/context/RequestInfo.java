package dev.attest.internal.context;

import java.util.Objects;

/**
 * Where the current work came from, captured once per HTTP request by Attest's filter. All values are
 * already bounded and neutralised.
 */
public final class RequestInfo {

    private final String clientAddress;
    private final String userAgent;
    private final String method;
    private final String path;
    private final String requestId;
    /** This request's part of the context stamp, made on first use (a benign race: any thread makes the same). */
    private String stampText;

    public RequestInfo(String clientAddress, String userAgent, String method, String path, String requestId) {
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        this.method = method;
        this.path = path;
        this.requestId = requestId;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String requestId() {
        return requestId;
    }

    String stampText() {
        String text = stampText;
        if (text == null) {
            text = ContextStamp.requestText(this);
            stampText = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RequestInfo that && Objects.equals(clientAddress, that.clientAddress)
                && Objects.equals(userAgent, that.userAgent) && Objects.equals(method, that.method)
                && Objects.equals(path, that.path) && Objects.equals(requestId, that.requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientAddress, userAgent, method, path, requestId);
    }

    @Override
    public String toString() {
        return "RequestInfo[clientAddress=" + clientAddress + ", userAgent=" + userAgent + ", method=" + method
                + ", path=" + path + ", requestId=" + requestId + "]";
    }
}
