package dev.attest.it;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP calls to the deployment, as a user (BASIC) or anonymously. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(Server.httpVersion())
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    public static HttpRequest.Builder request(URL base, String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).timeout(Duration.ofSeconds(30));
    }

    public static HttpRequest.Builder as(HttpRequest.Builder request, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + token);
    }

    public static HttpResponse<String> post(HttpRequest.Builder request) {
        return send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        }
    }
}
