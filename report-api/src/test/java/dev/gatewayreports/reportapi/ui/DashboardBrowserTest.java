package dev.gatewayreports.reportapi.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gatewayreports.reportapi.support.IndependentTotals;
import dev.gatewayreports.reportapi.support.ReconciliationDataset;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium through chromedriver) on generated events: signed in with a
 * real signed token through the URL fragment, every page's figures ({@code data-value} at {@code data-path}) equal
 * the API's answer to the very request the page made (fetched again with REST Assured), and the overview and trend
 * equal {@link IndependentTotals} (Java over the events that were sent). Screenshots of every page at 1280 and
 * 380 px wide go to {@code target/ui-shots/}. Skipped without chromium/chromedriver ({@link Browser#missing()}).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target/ui-shots");
    static final Path DOWNLOADS = Path.of("target/ui-downloads");
    static final List<String> PAGES =
            List.of("overview", "trends", "providers", "latency", "errors", "slow", "schedules", "alerts");
    /** The dataset's five New York days (2025-03-09 has 23 hours), as the period picker's custom dates. */
    static final String VIEW = "?team=all&from=2025-03-07&to=2025-03-11&tz=America/New_York";
    /** A long webhook URL: the schedules page shows its host, the whole URL in its title. */
    static final String WEBHOOK =
            "https://hooks.finance-team.example.com/services/T0123456/B0123456/reports-cost-daily-0f9a8b7c6d5e4f3a";

    @TestHTTPResource("/ui")
    URL ui;

    ReconciliationDataset dataset;
    String admin;
    Browser browser;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Browser.available(), Browser.missing());
        browser = Browser.start(DOWNLOADS);
    }

    /** The events and a schedule, once: in a method of the test, where REST Assured knows the test port. */
    @BeforeEach
    void seed() {
        if (dataset != null) {
            return;
        }
        dataset = ReconciliationDataset.ingest(20_251_202L, 900);
        admin = Tokens.withEmail("admin@" + dataset.orgId() + ".example", dataset.orgId(), List.of(), "org_admin");
        given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type", "usage",
                        "frequency", "weekly",
                        "schedule_time", "09:00",
                        "schedule_day", 1,
                        "timezone", "Europe/Berlin",
                        "recipients", List.of("team@example.com"),
                        "format", "xlsx",
                        "team_id", dataset.teams().get(0)))
                .post("/v1/reports/schedule")
                .then()
                .statusCode(200);
        // A second team's schedule by e-mail and webhook, with one slot delivered by both channels (the mail sent,
        // the webhook failed with the receiver's 503): as the scheduler leaves them (its own tests make them).
        String hooked = given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type", "cost",
                        "frequency", "daily",
                        "schedule_time", "07:30",
                        "timezone", "America/New_York",
                        "recipients", List.of("finance@example.com"),
                        "format", "csv",
                        "webhook_url", WEBHOOK,
                        "team_id", dataset.teams().get(1)))
                .post("/v1/reports/schedule")
                .then()
                .statusCode(200)
                .extract()
                .path("schedule_id");
        for (String channel : List.of("email", "webhook")) {
            boolean mail = channel.equals("email");
            Db.execute(
                    "insert into report_delivery (delivery_id, org_id, team_id, schedule_id, scheduled_for,"
                            + " report_type, timezone, period_start, period_end, format, recipients, status,"
                            + " attempts, next_attempt_at, last_error, created_at, sent_at, channel, webhook_url,"
                            + " response_status) values (?, ?, ?, ?, timestamptz '2025-03-11 11:30Z', 'cost',"
                            + " 'America/New_York', timestamptz '2025-03-10 04:00Z', timestamptz '2025-03-11 04:00Z',"
                            + " 'csv', ?::text[], ?, ?, now(), ?, timestamptz '2025-03-11 11:30Z', ?::timestamptz, ?,"
                            + " ?, ?)",
                    "dlv_" + channel + "_" + hooked,
                    dataset.orgId(),
                    dataset.teams().get(1),
                    hooked,
                    mail ? "{finance@example.com}" : "{}",
                    mail ? "sent" : "failed",
                    mail ? 1 : 6,
                    mail ? null : "HTTP 503 from the receiver",
                    mail ? "2025-03-11T11:30:04Z" : null,
                    channel,
                    mail ? null : WEBHOOK,
                    mail ? null : 503);
        }
        String alertId = given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Daily cost",
                        "team_id", dataset.teams().get(0),
                        "measure", "cost_usd",
                        "window", "last_day",
                        "comparison", "gt",
                        "threshold", "1.50",
                        "recipients", List.of("team@example.com")))
                .post("/v1/alerts")
                .then()
                .statusCode(201)
                .extract()
                .path("alert_id");
        // As the scheduler's evaluator leaves a rule that fired (its own tests run it; report-api only shows it).
        Db.execute(
                "update alert_rule set state = 'firing', state_since = now(), last_value = 2.25, episode = 1"
                        + " where alert_id = ?",
                alertId);
        Db.execute(
                "insert into alert_event (event_id, alert_id, org_id, team_id, kind, episode_key, value, threshold,"
                        + " window_start, window_end) select 'ale_' || md5(alert_id), alert_id, org_id, team_id,"
                        + " 'fired', 'e1', 2.25, threshold, now() - interval '1 day', now() from alert_rule"
                        + " where alert_id = ?",
                alertId);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldShowTheApisFiguresOnEveryPageAndFitAt380() throws IOException {
        signIn(admin, "overview" + VIEW);
        browser.consoleErrors(); // reading the log empties it: what other tests left
        for (String page : PAGES) {
            browser.driver.get(ui + "/" + page + VIEW);
            waitReady();
            int compared = compareWithApi(page, admin);
            assertTrue(compared > 0, page + ": no figure compared");
            browser.screenshot(SHOTS.resolve(page + "-1280.png"), 1280);
            browser.width(380, 900);
            Number overflow = (Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow.intValue() <= 0, page + " scrolls sideways at 380 px by " + overflow);
            browser.screenshot(SHOTS.resolve(page + "-380.png"), 380);
            browser.width(1280, 900);
            assertOnlyOwnOrigin(page);
            assertEquals(List.of(), lowContrast(), page + ": text below 4.5:1 against its background");
        }
        List<String> errors = browser.consoleErrors();
        assertEquals(List.of(), errors, "console errors (CSP violations, scripts)");
    }

    @Test
    void shouldShowEachSchedulesWebhookAndTheNewestDeliveryOfEachChannel() {
        signIn(admin, "schedules" + VIEW);
        assertTrue(compareWithApi("schedules", admin) > 0);
        JsonPath api = given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/reports/preferences/all")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int hooked = api.getList("schedules.webhook_url").indexOf(WEBHOOK);
        assertTrue(hooked >= 0, api.prettify());
        String schedule = "schedules[" + hooked + "]";
        WebElement url = cell(schedule + ".webhook_url");
        assertEquals("hooks.finance-team.example.com", url.getText());
        assertEquals(WEBHOOK, url.getAttribute("title"));
        assertTrue(api.getBoolean(schedule + ".has_webhook_secret"), api.prettify());
        assertEquals("set", cell(schedule + ".has_webhook_secret").getText());
        int other = hooked == 0 ? 1 : 0;
        // Frequency, day, time and zone read as one: the API's fields of each schedule.
        assertEquals("daily at 07:30, America/New_York", whenOf(hooked));
        assertEquals(
                List.of("weekly", 1, "09:00", "Europe/Berlin"),
                List.of(
                        api.getString("schedules[" + other + "].frequency"),
                        api.getInt("schedules[" + other + "].schedule_day"),
                        api.getString("schedules[" + other + "].schedule_time"),
                        api.getString("schedules[" + other + "].timezone")));
        assertEquals("Mondays at 09:00, Europe/Berlin", whenOf(other));
        assertEquals("", cell("schedules[" + other + "].webhook_url").getAttribute("data-value"));
        assertEquals("none", cell("schedules[" + other + "].has_webhook_secret").getText());
        // Per delivery: its channel, status and the receiver's HTTP status, as the API answers them.
        List<Map<String, Object>> deliveries = api.getList(schedule + ".last_deliveries");
        assertEquals(
                List.of("email", "webhook"),
                deliveries.stream().map(d -> d.get("channel")).toList());
        for (int j = 0; j < deliveries.size(); j++) {
            String at = schedule + ".last_deliveries[" + j + "]";
            Map<String, Object> d = deliveries.get(j);
            assertEquals(d.get("channel"), cell(at + ".channel").getText());
            assertEquals(d.get("status"), cell(at + ".status").getText());
            Object response = d.get("response_status");
            assertEquals(
                    response == null ? "—" : "HTTP " + response,
                    cell(at + ".response_status").getText());
        }
        assertEquals("sent", cell(schedule + ".last_deliveries[0].status").getText());
        assertEquals("failed", cell(schedule + ".last_deliveries[1].status").getText());
        assertEquals(
                "HTTP 503",
                cell(schedule + ".last_deliveries[1].response_status").getText());
        assertEquals("6", cell(schedule + ".last_deliveries[1].attempts").getAttribute("data-value"));
        assertEquals(
                2,
                browser.driver
                        .findElements(By.cssSelector("[data-base='deliveries'] tbody tr[data-row]"))
                        .size(),
                "one row per channel of the one schedule delivered");
    }

    @Test
    void shouldEqualTheIndependentTotals() {
        signIn(admin, "trends" + VIEW);
        IndependentTotals all = IndependentTotals.of(dataset, List.of());
        assertEquals(all.requests(), sumOf("data.daily_trend", "requests").longValueExact());
        assertEquals(all.requests(), sumOf("data.hourly_trend", "requests").longValueExact());
        Map<Instant, Long> perDay = IndependentTotals.requestsPerLocalDay(dataset, null, dataset.zone());
        LocalDate day = LocalDate.parse("2025-03-07");
        for (int i = 0; i < 5; i++, day = day.plusDays(1)) {
            assertEquals(day.toString(), value("data.daily_trend[" + i + "].date"));
            long expected = perDay.getOrDefault(day.atStartOfDay(dataset.zone()).toInstant(), 0L);
            assertEquals(expected, Long.parseLong(value("data.daily_trend[" + i + "].requests")), day.toString());
        }
        assertEquals(
                24 * 5 - 1,
                browser.driver
                        .findElements(By.cssSelector("[data-base='data.hourly_trend'] tbody tr"))
                        .size(),
                "hourly rows: five New York days, one of them 23 hours");

        browser.driver.get(ui + "/overview" + VIEW);
        waitReady();
        assertEquals(all.requests(), Long.parseLong(value("data.summary.total_requests")));
        assertEquals(
                0,
                all.costUsd()
                        .setScale(6, RoundingMode.HALF_EVEN)
                        .compareTo(new BigDecimal(value("data.summary.total_cost_usd"))));
        BigDecimal errorRate =
                BigDecimal.valueOf(all.errors() * 100.0 / all.requests()).setScale(2, RoundingMode.HALF_EVEN);
        assertEquals(0, errorRate.compareTo(new BigDecimal(value("data.summary.error_rate"))));
        double p95 = Double.parseDouble(value("data.summary.p95_latency_ms"));
        long exact = all.latencyPercentile(95);
        assertTrue(Math.abs(p95 - exact) <= exact * 0.01 + 0.05, "p95 " + p95 + " vs exact " + exact);
        String request = main().getAttribute("data-request");
        JsonPath sent = JsonPath.from(request);
        assertEquals("2025-03-07T05:00:00Z", sent.getString("start"), request);
        assertEquals("2025-03-12T04:00:00Z", sent.getString("end"), request);
        assertEquals("all", sent.getString("team_id"));
        assertEquals("America/New_York", sent.getString("timezone"));
    }

    @Test
    void shouldOfferAMemberItsOwnTeamOnly() {
        String team = dataset.teams().get(1);
        String member = Tokens.user(dataset.orgId(), List.of(team), "member");
        signIn(member, "overview?from=2025-03-07&to=2025-03-11&tz=America/New_York");
        Select picker = new Select(browser.driver.findElement(By.id("team")));
        assertEquals(
                List.of(team),
                picker.getOptions().stream().map(o -> o.getAttribute("value")).toList());
        assertEquals(
                IndependentTotals.of(dataset, List.of(team)).requests(),
                Long.parseLong(value("data.summary.total_requests")));
        compareWithApi("overview", member);
        // A team of the URL the caller may not see is replaced by its own, not asked for.
        browser.driver.get(ui + "/overview?team=" + dataset.teams().get(0) + "&days=7&tz=UTC");
        waitReady();
        assertTrue(browser.driver.getCurrentUrl().contains("team=" + team), browser.driver.getCurrentUrl());
    }

    @Test
    void shouldDownloadTheSameCsvAndXlsxAsTheApi() throws Exception {
        signIn(admin, "overview" + VIEW);
        String request = main().getAttribute("data-request");
        Path csv = clickAndWait("csv");
        String api = given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body(request.replace("\"format\":\"json\"", "\"format\":\"csv\""))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> downloaded = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Set<String> differing = new HashSet<>(downloaded);
        differing.removeAll(new HashSet<>(api.lines().toList()));
        assertTrue(downloaded.size() > 10, "CSV lines: " + downloaded.size());
        assertTrue(differing.size() <= 1, "lines other than generated_at differ: " + differing);
        Path xlsx = clickAndWait("xlsx");
        try (var book = new XSSFWorkbook(Files.newInputStream(xlsx));
                var expected =
                        new XSSFWorkbook(new ByteArrayInputStream(given().header("Authorization", Tokens.bearer(admin))
                                .contentType(ContentType.JSON)
                                .body(request.replace("\"format\":\"json\"", "\"format\":\"xlsx\""))
                                .post("/v1/reports/generate")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asByteArray()))) {
            assertEquals(expected.getNumberOfSheets(), book.getNumberOfSheets());
            assertEquals(expected.getSheetName(0), book.getSheetName(0));
        }
    }

    @Test
    void shouldTakeTheTokenOutOfTheUrlKeepItInTheTabAndSignOut() {
        signIn(admin, "overview" + VIEW);
        assertFalse(browser.driver.getCurrentUrl().contains("access_token"), browser.driver.getCurrentUrl());
        assertEquals(admin, browser.driver.executeScript("return sessionStorage.getItem('gr.access_token')"));
        assertEquals(0L, browser.driver.executeScript("return localStorage.length"));
        for (String id : List.of("team", "period", "tz")) {
            assertEquals(
                    1,
                    browser.driver
                            .findElements(By.cssSelector("label[for='" + id + "']"))
                            .size(),
                    id + " has a label");
        }
        browser.driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertEquals(null, browser.driver.executeScript("return sessionStorage.getItem('gr.access_token')"));
        assertTrue(browser.driver
                .findElements(By.cssSelector("#content [data-path]"))
                .isEmpty());
    }

    @Test
    void shouldServeTheShellWithAStrictContentSecurityPolicyAndNoUserData() {
        Response shell = given().get("/ui/overview");
        assertEquals(200, shell.statusCode());
        String csp = shell.header("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(shell.asString().contains("<script>"), "no inline script");
        assertEquals(404, given().get("/ui/nothing-here").statusCode());
    }

    @Test
    void shouldReachEveryControlByKeyboardWithAVisibleFocus() {
        signIn(admin, "overview" + VIEW);
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            Object[] focused = ((List<?>) browser.driver.executeScript("const e = document.activeElement;"
                            + " const s = getComputedStyle(e);"
                            + " return [e.id || e.dataset.nav || e.dataset.download || e.className || e.tagName,"
                            + " s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]"))
                    .toArray();
            if ("BODY".equals(focused[0])) {
                break; // past the last control: focus left the page
            }
            reached.add((String) focused[0]);
            assertEquals(true, focused[1], "no visible focus on " + focused[0]);
        }
        assertEquals("skip", reached.get(0), reached.toString());
        for (String expected : List.of("sign-out", "overview", "alerts", "team", "period", "from", "to", "tz", "csv")) {
            assertTrue(reached.contains(expected), expected + " not reached by Tab: " + reached);
        }
    }

    @Test
    void shouldAskToSignInAgainWhenTheApiRefusesTheToken() {
        signIn("not-a-token", "overview" + VIEW, false);
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertEquals(null, browser.driver.executeScript("return sessionStorage.getItem('gr.access_token')"));
        assertTrue(browser.driver.findElement(By.id("status")).getText().contains("sign in"));
    }

    /** Visible text whose colour is below 4.5:1 against the first opaque background behind it (WCAG AA). */
    @SuppressWarnings("unchecked")
    private List<String> lowContrast() {
        return (List<String>) browser.driver.executeScript("""
                const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
                const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
                const background = e => {
                  for (; e; e = e.parentElement) {
                    const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
                  }
                  return [255, 255, 255];
                };
                const bad = [];
                for (const e of document.querySelectorAll('body *')) {
                  if (e.closest('.uplot') || e.disabled) continue;
                  const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                  if (!own || e.getClientRects().length === 0) continue;
                  const fg = lum(rgb(getComputedStyle(e).color).slice(0, 3));
                  const bg = lum(background(e));
                  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
                  if (ratio < 4.5) bad.push(e.tagName + ' "' + e.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
                }
                return bad;
                """);
    }

    private void signIn(String token, String pageAndQuery) {
        signIn(token, pageAndQuery, true);
    }

    private void signIn(String token, String pageAndQuery, boolean ready) {
        browser.driver.get("about:blank");
        browser.driver.get(ui + "/" + pageAndQuery + "#access_token=" + token);
        if (ready) {
            waitReady();
        }
    }

    private WebElement main() {
        return browser.driver.findElement(By.id("main"));
    }

    private void waitReady() {
        String ready = new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("main")).getAttribute("data-ready"));
        assertEquals(
                "true", ready, () -> browser.driver.findElement(By.id("status")).getText());
    }

    /** The schedules table's "When" cell of a row. */
    private String whenOf(int row) {
        return browser.driver
                .findElement(By.cssSelector("[data-base='schedules'] tr[data-row='" + row + "'] td:nth-child(3)"))
                .getText();
    }

    private WebElement cell(String path) {
        return browser.driver.findElement(By.cssSelector("[data-path='" + path + "']"));
    }

    private String value(String path) {
        WebElement element = browser.driver.findElement(By.cssSelector("[data-path='" + path + "']"));
        return element.getAttribute("data-value");
    }

    private BigDecimal sumOf(String base, String key) {
        return browser
                .driver
                .findElements(By.cssSelector("[data-base='" + base + "'] td[data-path$='." + key + "']"))
                .stream()
                .map(e -> new BigDecimal(e.getAttribute("data-value")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Compares every figure on the page with the API's answer to the request the page made; answers how many. */
    @SuppressWarnings("unchecked")
    private int compareWithApi(String page, String token) {
        String api = main().getAttribute("data-api");
        assertNotNull(api, page + " names no API call");
        String method = api.substring(0, api.indexOf(' '));
        String path = api.substring(api.indexOf(' ') + 1);
        Response response = method.equals("POST")
                ? given().header("Authorization", Tokens.bearer(token))
                        .contentType(ContentType.JSON)
                        .body(main().getAttribute("data-request"))
                        .post(path)
                : given().header("Authorization", Tokens.bearer(token)).get(path);
        if (page.equals("alerts") && response.statusCode() == 404) {
            assertEquals(
                    1,
                    browser.driver
                            .findElements(By.cssSelector("[data-unavailable='alerts']"))
                            .size());
            return 0;
        }
        assertEquals(200, response.statusCode(), page + ": " + response.asString());
        JsonNode json = readTree(response.asString());
        List<List<String>> shown = (List<List<String>>)
                browser.driver.executeScript(
                        "return [...document.querySelectorAll('#content [data-path]')].map(e => [e.dataset.path, e.dataset.value])");
        List<String> wrong = new ArrayList<>();
        for (List<String> figure : shown) {
            JsonNode expected = at(json, figure.get(0));
            if (!same(expected, figure.get(1))) {
                wrong.add(figure.get(0) + ": page " + figure.get(1) + ", API " + expected);
            }
        }
        assertEquals(List.of(), wrong, page);
        return shown.size();
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_]+)(?:\\[(\\d+)])?");

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The node at a page's data-path ({@code data.daily_trend[3].requests}); a missing one is JSON null. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            Matcher m = STEP.matcher(step);
            if (!m.matches()) {
                throw new AssertionError("bad data-path " + path);
            }
            node = node.path(m.group(1));
            if (m.group(2) != null) {
                node = node.path(Integer.parseInt(m.group(2)));
            }
        }
        return node.isMissingNode() ? NullNode.getInstance() : node;
    }

    private static boolean same(JsonNode expected, String shown) {
        if (expected.isNull()) {
            return shown.isEmpty();
        }
        if (expected.isNumber()) {
            return !shown.isEmpty() && expected.decimalValue().compareTo(new BigDecimal(shown)) == 0;
        }
        if (expected.isArray()) {
            List<String> items = new ArrayList<>();
            expected.forEach(item -> items.add(item.asText()));
            return String.join(",", items).equals(shown);
        }
        return expected.asText().equals(shown);
    }

    private void assertOnlyOwnOrigin(String page) {
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>)
                browser.driver.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = ui.getProtocol() + "://" + ui.getHost() + ":" + ui.getPort() + "/";
        List<String> foreign =
                resources.stream().filter(r -> !r.startsWith(origin)).toList();
        assertEquals(List.of(), foreign, page + " requested another origin");
    }

    private Path clickAndWait(String format) throws IOException {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        browser.driver
                .findElement(By.cssSelector("button[data-download='" + format + "']"))
                .click();
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.toString().endsWith("." + format))
                        .findFirst()
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }
}
