package dev.gatewayreports.aggregation.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The operator endpoints answer malformed input with a 4xx naming the parameter, never a 5xx. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class OpsInputTest {
    private static final String REBUILD = "/v1/ops/rollups/rebuild";
    /** Rebuild windows stay in 1990 (no test has data there) or are malformed: a valid one must not touch rollups. */
    private static final List<String> TIMES = List.of(
            "1990-01-01T00:00:00Z",
            "1990-01-02T00:00:00Z",
            "1990-01-01T12:00:00+05:45",
            "+300000-01-01T00:00:00Z",
            "-5000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1990-02-30T00:00:00Z",
            "1990-01-01T00:00:00+25:00",
            "1990-01-01",
            "",
            "nul\u0000",
            "lone\ud800",
            "x".repeat(5_000));

    private static String ops() {
        return OpsTokens.base().claim("roles", List.of("ops")).sign();
    }

    private static RequestSpecification asOps() {
        return given().header("Authorization", "Bearer " + ops());
    }

    @Test
    void shouldRejectTimestampsPostgresCannotStoreNamingThem() {
        for (String year : List.of("+300000", "-5000")) {
            asOps().queryParam("from", year + "-01-01T00:00:00Z")
                    .queryParam("to", year + "-01-02T00:00:00Z")
                    .post(REBUILD)
                    .then()
                    .statusCode(400)
                    .body("error.field", equalTo("from"));
        }
        asOps().queryParam("from", "1990-01-01T00:00:00Z")
                .queryParam("to", "+300000-01-02T00:00:00Z")
                .post(REBUILD)
                .then()
                .statusCode(400)
                .body("error.field", equalTo("to"));
    }

    @Test
    void shouldRejectARebuildLongerThanRollupsAreKept() {
        asOps().queryParam("from", "1990-01-01T00:00:00Z")
                .queryParam("to", "2025-01-01T00:00:00Z")
                .post(REBUILD)
                .then()
                .statusCode(400)
                .body("error.field", equalTo("to"));
        asOps().queryParam("from", "1990-01-01T00:00:00Z")
                .queryParam("to", "1990-01-03T00:00:00Z")
                .post(REBUILD)
                .then()
                .statusCode(200)
                .body("events", equalTo(0));
    }

    @Test
    void shouldAnswerGeneratedMalformedRequestsWithoutA5xx() {
        long seed = Long.getLong("fuzz.seed", 20_251_121L);
        int requests = Integer.getInteger("fuzz.ops-requests", 300);
        Random random = new Random(seed);
        String token = ops();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RequestSpecification request = given().urlEncodingEnabled(true);
            int who = random.nextInt(10);
            if (who < 8) {
                request.header("Authorization", "Bearer " + token);
            } else if (who == 8) {
                request.header("Authorization", "Bearer not-a-token");
            }
            for (String name : List.of("from", "to", "from")) {
                if (random.nextInt(5) > 0) {
                    request.queryParam(name, TIMES.get(random.nextInt(TIMES.size())));
                }
            }
            int what = random.nextInt(10);
            String method = what < 8 ? "POST" : List.of("GET", "PUT", "DELETE").get(random.nextInt(3));
            String path = what == 9 ? "/v1/ops/retention" : REBUILD;
            if (path.equals("/v1/ops/retention") && method.equals("POST")) {
                method = "GET"; // applying retention is not this test's business
            }
            int status = request.request(method, path).then().extract().statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                serverErrors.add(method + " " + path + " -> " + status);
            }
        }
        System.out.printf("ops fuzz: seed %d, %d requests, answers by status %s%n", seed, requests, statuses);
        assertEquals(List.of(), serverErrors);
    }
}
