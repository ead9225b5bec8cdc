package dev.gatewayreports.reportapi.keycloak;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewayreports.reportapi.ui.Browser;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auth part of the suite against a real Keycloak: the packaged report-api as a child process, pointed at the
 * Keycloak realm of {@code src/test/resources/keycloak} by configuration alone ({@code OIDC_AUTH_SERVER_URL}; the
 * client id, audience, claim names and report-service clients are report-api's defaults), and every token a real
 * one from Keycloak's token endpoint: an org admin and a member of organization A, an org admin of organization B,
 * a member who is in a group named {@code org_admin}, a user holding the {@code report_service} role, a token of
 * another client (no report-api audience) and the scheduler's client-credentials token.
 */
class KeycloakAuthIT {
    private static final Path LOGS = Path.of(System.getProperty("keycloak-it.dir", "target/keycloak-it"));
    private static final String ORG_A = "org_kc_" + suffix();
    private static final String ORG_B = "org_kc_" + suffix();
    private static final String TEAM_A = "team_kc_" + suffix();
    private static final String TEAM_B = "team_kc_" + suffix();
    private static final String SCHEDULER_SECRET = "test-only-" + UUID.randomUUID();
    private static final String PASSWORD = "test-only-" + UUID.randomUUID();

    static PostgresTestResource postgres;
    static KeycloakServer keycloak;
    static ServiceProcess reportApi;

    @BeforeAll
    static void start() throws Exception {
        Instant begin = Instant.now();
        // Made first for its port: the realm's web-ui client allows the dashboard's redirect URI and origin.
        reportApi = new ServiceProcess("report-api", "report-api.jar", LOGS);
        keycloak = new KeycloakServer(
                "keycloak.home",
                LOGS,
                Map.of(
                        "GR_ORG_A", ORG_A,
                        "GR_ORG_B", ORG_B,
                        "GR_TEAM_A", TEAM_A,
                        "GR_TEAM_B", TEAM_B,
                        "GR_PASSWORD", PASSWORD,
                        "GR_SCHEDULER_SECRET", SCHEDULER_SECRET,
                        "GR_UI_REDIRECT_URI", reportApi.url() + "/ui/callback",
                        "GR_UI_ORIGIN", reportApi.url()));
        keycloak.start();
        postgres = new PostgresTestResource();
        Map<String, String> db = postgres.start();
        reportApi.start(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.get("quarkus.datasource.jdbc.url"),
                "QUARKUS_DATASOURCE_USERNAME", db.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD", db.get("quarkus.datasource.password"),
                "OIDC_AUTH_SERVER_URL", keycloak.issuer(),
                "REPORTS_UI_OIDC_SCOPES",
                        "openid", // the realm has no profile or email scope: its claims scope has email
                "QUARKUS_FLYWAY_MIGRATE_AT_START", "true", // the Job's part: a replica never migrates in prod
                "REPORTS_ADMIN_CURSOR_SECRET", "keycloak-it-only-cursor-secret-0123456789"));
        // Both start at once; report-api reads the provider's metadata when it first needs it.
        CompletableFuture<Void> api = CompletableFuture.runAsync(() -> {
            try {
                reportApi.awaitReady(Duration.ofSeconds(180));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        keycloak.awaitReady(Duration.ofSeconds(300));
        api.join();
        System.out.printf(
                "KeycloakAuthIT: Keycloak ready in %d s, report-api and Keycloak both ready %d s after start%n",
                keycloak.startup().toSeconds(),
                Duration.between(begin, Instant.now()).toSeconds());
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = URI.create(reportApi.url()).getPort();

        as(ada())
                .contentType(ContentType.JSON)
                .body(Map.of("team_id", TEAM_A, "name", "Team A"))
                .post("/v1/admin/teams")
                .then()
                .statusCode(201);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (reportApi != null) {
                reportApi.close();
            }
        } finally {
            try {
                if (keycloak != null) {
                    keycloak.close();
                }
            } finally {
                if (postgres != null) {
                    postgres.stop();
                }
            }
        }
    }

    @Test
    void shouldLetTheOrgAdminCreateATeamAndMintAServiceKey() {
        String team = "team_kc_" + suffix();
        String admin = ada();
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("team_id", team, "name", "Created through Keycloak"))
                .post("/v1/admin/teams")
                .then()
                .statusCode(201)
                .body("team_id", equalTo(team));
        as(admin).get("/v1/admin/teams").then().statusCode(200).body("team_id", hasItem(team));
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "gateway", "scopes", List.of("ingest")))
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .body("key", startsWith("sk-svc-"));
    }

    @Test
    void shouldLetAMemberReadItsTeamsReportsButNotTheAdminEndpoints() {
        String member = keycloak.password("web-ui", "max");
        as(member).get("/v1/reports/quick/usage?days=7").then().statusCode(200);
        generate(as(member), TEAM_A).then().statusCode(200);
        as(member).get("/v1/admin/teams").then().statusCode(403);
        as(member).get("/v1/admin/service-keys").then().statusCode(403);
        mintKey(as(member)).then().statusCode(403);
    }

    @Test
    void shouldAnswer404ToAnotherOrganizationForTeamsAndSavedReports() {
        String saved =
                generate(as(ada()), TEAM_A).then().statusCode(200).extract().header("X-Report-Id");
        String otherOrgAdmin = keycloak.password("web-ui", "bea");
        as(otherOrgAdmin)
                .get("/v1/reports/quick/usage?days=7&team_id=" + TEAM_A)
                .then()
                .statusCode(404);
        generate(as(otherOrgAdmin), TEAM_A).then().statusCode(404);
        as(otherOrgAdmin).get("/v1/reports/" + saved).then().statusCode(404);
        as(otherOrgAdmin)
                .get("/v1/reports/download/" + saved + "?format=csv")
                .then()
                .statusCode(404);
        as(otherOrgAdmin).get("/v1/admin/teams/" + TEAM_A).then().statusCode(404);
    }

    @Test
    void shouldRefuseATokenIssuedForAnotherAudience() {
        // The same users, claims and roles, from a client whose tokens do not name report-api in aud.
        as(keycloak.password("other-app", "ada")).get("/v1/admin/teams").then().statusCode(401);
        as(keycloak.password("other-app", "max"))
                .get("/v1/reports/quick/usage?days=7")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldTakeNoRoleFromTheGroupsClaim() {
        // roles: [member], groups: [org_admin]
        String grouped = keycloak.password("web-ui", "gus");
        as(grouped).get("/v1/reports/quick/usage?days=7").then().statusCode(200);
        mintKey(as(grouped)).then().statusCode(403);
        as(grouped).get("/v1/admin/teams").then().statusCode(403);
    }

    @Test
    void shouldLetTheSchedulersClientCredentialsTokenActForTheOrganizationItNames() {
        String scheduler = keycloak.clientCredentials("scheduler-service", SCHEDULER_SECRET);
        generate(as(scheduler).header("X-Acting-Organization", ORG_A), TEAM_A)
                .then()
                .statusCode(200)
                .header("X-Report-Id", startsWith("rpt_"));
        generate(as(scheduler), TEAM_A).then().statusCode(400).body("error.field", equalTo("X-Acting-Organization"));
    }

    @Test
    void shouldRefuseAnActingRequestOfAUserTokenCarryingTheReportServiceRole() {
        String user = keycloak.password("web-ui", "rex");
        generate(as(user).header("X-Acting-Organization", ORG_A), TEAM_A).then().statusCode(403);
    }

    @Test
    void shouldAnswer401WithoutAValidToken() throws Exception {
        given().get("/v1/reports/quick/usage?days=7").then().statusCode(401);
        given().get("/v1/admin/teams").then().statusCode(401);
        as("not-a-jwt").get("/v1/admin/teams").then().statusCode(401);
        String token = ada();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        as(forged).get("/v1/admin/teams").then().statusCode(401);

        String expiring = keycloak.password("web-ui-expiring", "ada");
        Thread.sleep(Math.max(
                0,
                Duration.between(Instant.now(), KeycloakServer.expiry(expiring).plusSeconds(2))
                        .toMillis()));
        as(expiring).get("/v1/admin/teams").then().statusCode(401);
    }

    @Test
    void shouldSignIntoTheDashboardWithTheCodeFlowAndPkce() throws Exception {
        assumeTrue(Browser.available(), Browser.missing());
        try (Browser browser = Browser.start(LOGS.resolve("ui-downloads"))) {
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(60));
            browser.driver.get(reportApi.url() + "/ui/overview?days=7&tz=UTC");
            wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
            browser.driver.findElement(By.id("sign-in")).click();
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            String authorize = browser.driver.getCurrentUrl();
            assertTrue(authorize.startsWith(keycloak.issuer()), authorize);
            assertTrue(authorize.contains("code_challenge_method=S256"), authorize);
            assertTrue(authorize.contains("nonce="), authorize);
            browser.driver.findElement(By.id("username")).sendKeys("ada");
            browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.driver.findElement(By.id("kc-login")).click();
            String ready = wait.until(d -> d.getCurrentUrl().startsWith(reportApi.url() + "/ui/overview")
                    ? d.findElement(By.id("main")).getAttribute("data-ready")
                    : null);
            assertEquals(
                    "true",
                    ready,
                    () -> browser.driver.findElement(By.id("status")).getText());
            assertTrue(
                    browser.driver.findElement(By.id("who")).getText().contains("ada@org-a.example"),
                    browser.driver.findElement(By.id("who")).getText());
            assertFalse(browser.driver.getCurrentUrl().contains("code="), browser.driver.getCurrentUrl());
            assertNotNull(browser.driver.executeScript("return sessionStorage.getItem('gr.access_token')"));
            assertEquals(0L, browser.driver.executeScript("return localStorage.length"));
            assertFalse(browser.driver
                    .findElements(By.cssSelector("[data-path='data.summary.total_requests']"))
                    .isEmpty());
            // An answer that no sign-in of this tab started (another state) is refused.
            browser.driver.get(reportApi.url() + "/ui/callback?code=forged&state=forged");
            wait.until(d -> d.findElement(By.id("status")).getText().contains("state"));

            // Sign out: the tokens leave the tab, the provider ends its session (end-session endpoint) and sends
            // the browser back to the dashboard, and the next visit asks to sign in again — at Keycloak too,
            // whose login form shows instead of a silent single sign-on.
            browser.driver.get(reportApi.url() + "/ui/overview?days=7&tz=UTC");
            wait.until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
            browser.driver.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(reportApi.url() + "/ui/")
                    && !d.findElements(By.id("sign-in")).isEmpty()
                    && d.findElement(By.id("sign-in")).isDisplayed());
            for (String key : List.of("gr.access_token", "gr.id_token", "gr.expires_at")) {
                assertNull(browser.driver.executeScript("return sessionStorage.getItem(arguments[0])", key), key);
            }
            browser.driver.get(reportApi.url() + "/ui/overview?days=7&tz=UTC");
            wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
            assertNull(browser.driver.executeScript("return sessionStorage.getItem('gr.access_token')"));
            browser.driver.findElement(By.id("sign-in")).click();
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            assertTrue(browser.driver.getCurrentUrl().startsWith(keycloak.issuer()), browser.driver.getCurrentUrl());
        }
    }

    private static String ada() {
        return keycloak.password("web-ui", "ada");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static io.restassured.response.Response generate(RequestSpecification request, String team) {
        return request.contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 7, "team_id", team, "save", true))
                .post("/v1/reports/generate");
    }

    private static io.restassured.response.Response mintKey(RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(Map.of("name", "should not exist", "scopes", List.of("admin")))
                .post("/v1/admin/service-keys");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 10);
    }
}
