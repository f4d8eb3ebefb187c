package com.harvest.identity.phonecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback stand-in for Keycloak's token endpoint and the identity service. */
class IdentityClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private String base;
    private final List<String> verifyBodies = new CopyOnWriteArrayList<>();
    private final List<String> verifyAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile int verifyStatus = 200;
    private volatile String verifyAnswer = "{\"subject\":\"cus_1\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            String form = read(exchange);
            boolean ok = form.contains("grant_type=client_credentials") && form.contains("client_id=keycloak-phone-code")
                    && form.contains("client_secret=s3cret%26");
            answer(exchange, ok ? 200 : 401, ok
                    ? "{\"access_token\":\"token-" + tokensIssued.incrementAndGet() + "\",\"expires_in\":300}"
                    : "{\"error\":\"unauthorized_client\"}");
        });
        server.createContext("/phone-codes/verify", exchange -> {
            verifyBodies.add(read(exchange));
            verifyAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, verifyStatus, verifyAnswer);
        });
        server.createContext("/phone-passwords/verify", exchange -> {
            verifyBodies.add(read(exchange));
            answer(exchange, verifyStatus, verifyAnswer);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private IdentityClient client() {
        return new IdentityClient(HttpClient.newHttpClient(), Clock.systemUTC());
    }

    private IdentityClient.ServiceClient caller(String secret) {
        return new IdentityClient.ServiceClient(base + "/token", "keycloak-phone-code", secret);
    }

    @Test
    void acceptedCodeAnswersTheSubjectAndSendsTheWireShape() throws Exception {
        IdentityClient.Verdict verdict = client().verifyCode(base, caller("s3cret&"), "+8613800138000", "123456", "10.0.0.7");
        assertEquals(IdentityClient.Outcome.ACCEPTED, verdict.outcome());
        assertEquals("cus_1", verdict.subject());
        Map<?, ?> body = JSON.readValue(verifyBodies.get(0), Map.class);
        assertEquals(Map.of("phone", "+8613800138000", "code", "123456", "clientAddress", "10.0.0.7"), body);
        assertEquals("Bearer token-1", verifyAuthorizations.get(0));
    }

    @Test
    void serviceTokenIsCachedAcrossCalls() {
        IdentityClient client = client();
        client.verifyCode(base, caller("s3cret&"), "+8613800138000", "123456", "10.0.0.7");
        client.verifyCode(base, caller("s3cret&"), "+8613800138000", "123456", "10.0.0.7");
        assertEquals(1, tokensIssued.get());
        assertEquals(List.of("Bearer token-1", "Bearer token-1"), verifyAuthorizations);
    }

    @Test
    void a401FromIdentityRetriesOnceWithAFreshToken() {
        verifyStatus = 401;
        IdentityClient.Verdict verdict = client().verifyCode(base, caller("s3cret&"), "+8613800138000", "1", "a");
        assertEquals(IdentityClient.Outcome.UNAVAILABLE, verdict.outcome());
        assertEquals(2, tokensIssued.get());
        assertEquals(List.of("Bearer token-1", "Bearer token-2"), verifyAuthorizations);
    }

    @Test
    void refusalsThrottlingAndOutagesAreTold() {
        verifyStatus = 422;
        verifyAnswer = "{\"type\":\"urn:harvest:problem:phone-code-refused\"}";
        assertEquals(IdentityClient.Outcome.REFUSED, client().verifyCode(base, caller("s3cret&"), "p", "c", "a").outcome());
        verifyStatus = 429;
        assertEquals(IdentityClient.Outcome.THROTTLED, client().verifyCode(base, caller("s3cret&"), "p", "c", "a").outcome());
        verifyStatus = 500;
        assertEquals(IdentityClient.Outcome.UNAVAILABLE, client().verifyCode(base, caller("s3cret&"), "p", "c", "a").outcome());
        verifyStatus = 200;
        verifyAnswer = "{\"nothing\":true}";
        assertEquals(IdentityClient.Outcome.UNAVAILABLE, client().verifyCode(base, caller("s3cret&"), "p", "c", "a").outcome());
    }

    @Test
    void aWrongClientSecretOrADeadServiceIsUnavailableNotAnException() {
        IdentityClient.Verdict verdict = client().verifyCode(base, caller("wrong"), "p", "c", "a");
        assertEquals(IdentityClient.Outcome.UNAVAILABLE, verdict.outcome());
        assertNull(verdict.subject());
        assertTrue(verifyBodies.isEmpty());
        server.stop(0);
        assertEquals(IdentityClient.Outcome.UNAVAILABLE, client().verifyCode(base, caller("s3cret&"), "p", "c", "a").outcome());
    }

    @Test
    void passwordGoesToItsOwnRoute() throws Exception {
        IdentityClient.Verdict verdict = client().verifyPassword(base, caller("s3cret&"), "+8613800138000", "pw", "a");
        assertEquals(IdentityClient.Outcome.ACCEPTED, verdict.outcome());
        assertEquals(Map.of("phone", "+8613800138000", "password", "pw", "clientAddress", "a"),
                JSON.readValue(verifyBodies.get(0), Map.class));
    }

    @Test
    void settingsFallBackToDefaultsAndDropATrailingSlash() {
        assertEquals(new PhoneCodeSettings("http://127.0.0.1:3006", "keycloak-phone-code"), PhoneCodeSettings.of((Map<String, String>) null));
        assertEquals(new PhoneCodeSettings("http://id:1", "x"),
                PhoneCodeSettings.of(Map.of("identityUrl", "http://id:1/", "serviceClientId", "x")));
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
