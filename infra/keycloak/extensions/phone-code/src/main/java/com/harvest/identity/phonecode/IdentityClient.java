package com.harvest.identity.phonecode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The identity service as Keycloak calls it: `POST {identityUrl}/phone-codes/verify` (or
 * `/phone-passwords/verify`) with a client-credentials token of the realm's own service client. Knows nothing
 * of Keycloak's models, so it is tested on its own against a loopback server. The code and the password are
 * never logged or put in an exception message.
 */
public final class IdentityClient {

    /** What the identity service answered about one sign-in attempt. */
    public enum Outcome { ACCEPTED, REFUSED, THROTTLED, UNAVAILABLE }

    public record Verdict(Outcome outcome, String subject) {
        static Verdict of(Outcome outcome) { return new Verdict(outcome, null); }
    }

    /** Where to ask for our own service token and with which client. */
    public record ServiceClient(String tokenUrl, String clientId, String clientSecret) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A cached service token is renewed this long before it expires. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record CachedToken(String value, Instant renewAt) {}

    private final HttpClient http;
    private final Clock clock;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public IdentityClient(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public static IdentityClient standard() {
        return new IdentityClient(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), Clock.systemUTC());
    }

    public Verdict verifyCode(String identityUrl, ServiceClient client, String phone, String code, String clientAddress) {
        return verify(identityUrl + "/phone-codes/verify", client, "code", phone, code, clientAddress);
    }

    public Verdict verifyPassword(String identityUrl, ServiceClient client, String phone, String password, String clientAddress) {
        return verify(identityUrl + "/phone-passwords/verify", client, "password", phone, password, clientAddress);
    }

    private Verdict verify(String url, ServiceClient client, String secretName, String phone, String secret, String clientAddress) {
        try {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("phone", phone);
            body.put(secretName, secret);
            body.put("clientAddress", clientAddress);
            HttpResponse<String> response = postVerify(url, client, JSON.writeValueAsString(body), false);
            if (response.statusCode() == 401) {
                // Our cached token may have been revoked or the issuer's keys rotated: one retry with a new one.
                response = postVerify(url, client, JSON.writeValueAsString(body), true);
            }
            int status = response.statusCode();
            if (status == 200) {
                JsonNode subject = JSON.readTree(response.body()).get("subject");
                return subject != null && subject.isTextual() && !subject.asText().isEmpty()
                        ? new Verdict(Outcome.ACCEPTED, subject.asText())
                        : Verdict.of(Outcome.UNAVAILABLE);
            }
            if (status == 429) return Verdict.of(Outcome.THROTTLED);
            if (status >= 400 && status < 500 && status != 401 && status != 403) return Verdict.of(Outcome.REFUSED);
            return Verdict.of(Outcome.UNAVAILABLE);
        } catch (IOException | RuntimeException e) {
            return Verdict.of(Outcome.UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.of(Outcome.UNAVAILABLE);
        }
    }

    private HttpResponse<String> postVerify(String url, ServiceClient client, String json, boolean freshToken)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + serviceToken(client, freshToken))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Our client-credentials token, cached until shortly before it expires. */
    String serviceToken(ServiceClient client, boolean fresh) throws IOException, InterruptedException {
        String key = client.tokenUrl() + " " + client.clientId();
        CachedToken cached = tokens.get(key);
        Instant now = clock.instant();
        if (!fresh && cached != null && now.isBefore(cached.renewAt())) return cached.value();
        String form = "grant_type=client_credentials&client_id=" + encode(client.clientId())
                + "&client_secret=" + encode(client.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.tokenUrl()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("client-credentials token for " + client.clientId() + " refused: HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) throw new IOException("client-credentials answer without access_token");
        long expiresIn = answer.path("expires_in").asLong(60);
        Instant renewAt = now.plusSeconds(Math.max(0, expiresIn - RENEW_BEFORE.toSeconds()));
        tokens.put(key, new CachedToken(token, renewAt));
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
