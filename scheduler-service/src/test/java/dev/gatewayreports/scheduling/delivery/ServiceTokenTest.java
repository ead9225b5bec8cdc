package dev.gatewayreports.scheduling.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.due.SchedulerConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Client-credentials tokens are fetched once and reused until shortly before they expire; a static one is used as is. */
@QuarkusTest
class ServiceTokenTest {
    @OidcWireMock
    WireMockServer wireMock;

    @Test
    void shouldReuseATokenUntilShortlyBeforeItExpires() {
        String path = tokenEndpoint(3600);
        ServiceToken token = new ServiceToken(config(path, null), new ObjectMapper(), Clock.systemUTC());

        String first = token.current();
        assertEquals(first, token.current());
        assertEquals(1, fetches(path));

        token.invalidate();
        token.current();
        assertEquals(2, fetches(path));
    }

    @Test
    void shouldRenewATokenThatExpiresWithinThirtySeconds() {
        String path = tokenEndpoint(30);
        ServiceToken token = new ServiceToken(config(path, null), new ObjectMapper(), Clock.systemUTC());

        token.current();
        token.current();

        assertEquals(2, fetches(path));
    }

    @Test
    void shouldUseAStaticTokenWithoutAnyProvider() {
        ServiceToken token =
                new ServiceToken(config(null, " static-dev-token "), new ObjectMapper(), Clock.systemUTC());

        assertEquals("static-dev-token", token.current());
        assertTrue(!token.renewable());
    }

    @Test
    void shouldReportARefusingTokenEndpointAsATransientFailure() {
        String path = "/auth/token-" + UUID.randomUUID();
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(401)));
        ServiceToken token = new ServiceToken(config(path, null), new ObjectMapper(), Clock.systemUTC());

        DeliveryFailure failure = assertThrows(DeliveryFailure.class, token::current);

        assertEquals("token endpoint answered 401", failure.getMessage());
        assertTrue(!failure.permanent());
    }

    private String tokenEndpoint(int expiresIn) {
        String path = "/auth/token-" + UUID.randomUUID();
        wireMock.stubFor(post(urlEqualTo(path))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=svc"))
                .withRequestBody(containing("scope=reports"))
                .willReturn(okJson(
                        "{\"access_token\": \"tok-" + UUID.randomUUID() + "\", \"expires_in\": " + expiresIn + "}")));
        return path;
    }

    private int fetches(String path) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private SchedulerConfig config(String tokenPath, String staticToken) {
        String base = wireMock.baseUrl();
        SchedulerConfig.ReportApi api = new SchedulerConfig.ReportApi() {
            public String url() {
                return base;
            }

            public Optional<String> token() {
                return Optional.ofNullable(staticToken);
            }

            public Optional<String> tokenUrl() {
                return Optional.ofNullable(tokenPath).map(p -> base + p);
            }

            public Optional<String> clientId() {
                return Optional.of("svc");
            }

            public Optional<String> clientSecret() {
                return Optional.of("s3cret");
            }

            public Optional<String> scope() {
                return Optional.of("reports");
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
        return new SchedulerConfig() {
            public String every() {
                return "off";
            }

            public boolean listen() {
                return false;
            }

            public int batchSize() {
                return 20;
            }

            public Duration lease() {
                return Duration.ofMinutes(5);
            }

            public Duration backoff() {
                return Duration.ofMinutes(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMinutes(15);
            }

            public Duration giveUpAfter() {
                return Duration.ofDays(1);
            }

            public ReportApi reportApi() {
                return api;
            }
        };
    }
}
