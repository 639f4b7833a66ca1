package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.homegrid.gateway.xbee.simulator.SimulatedDevice;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 15: the dashboard in a real headless Chromium, against an embedded backend fed by a
 * gateway (real XBee library) and simulated plugs, and a second household it must not show.
 * Screenshots of every page go to {@code target/screenshots/}.
 */
class DashboardIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String GATEWAY = "gw-maple";
    private static final String METER = "gw-maple-meter";
    private static final String OTHER_GATEWAY = "gw-oak";
    private static final List<String> METERED = List.of("heat-pump", "oven", "dishwasher");
    private static final int HISTORY_DAYS = 7;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static XBeeSimulator simulator;
    private static EmbeddedGateway gateway;
    private static Browser browser;
    private static ChromeDriver page;
    private static String home;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Browser.missing().ifPresent(reason -> Assumptions.abort("Dashboard tests skipped: " + reason));
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("backend")));
        http = Http.to(backend, port);
        AccessFixture fixture = AccessFixture.around(backend.access());
        var directory = backend.access().access().directory();
        String maple = directory.createHousehold("Maple Street 1", BERLIN).id();
        String oak = directory.createHousehold("Oak Road 7", BERLIN).id();
        String secret = directory.registerGateway(new io.homegrid.security.GatewayRegistration(GATEWAY, maple, "Maple hall",
                "the plugs", 52.52, 13.40, true, null, null));
        fixture.gatewaySecret(METER, maple);
        // registered, never heard from: the page must show the others all the same
        fixture.gatewaySecret("gw-maple-attic", maple);
        directory.registerGateway(new io.homegrid.security.GatewayRegistration(OTHER_GATEWAY, oak, "Oak cellar", null,
                48.14, 11.58, true, null, null));
        fixture.person("alice", Role.RESIDENT, maple);
        fixture.person("anna", Role.HOUSEHOLD_ADMIN, maple);
        fixture.person("bob", Role.RESIDENT, oak);
        seedHistory();
        http.as(fixture.gateway(OTHER_GATEWAY)).post("/api/v1/gateways/" + OTHER_GATEWAY + "/readings",
                batch(OTHER_GATEWAY, reading("oak-heater", "power", "1500", "W", Instant.now(), 1)));

        simulator = XBeeSimulator.start(new SimulatorConfig(0, 4, 0, Duration.ofSeconds(2), 15, Clock.systemDefaultZone()));
        gateway = EmbeddedGateway.start(GatewayConfig.of(GATEWAY, URI.create(backend.baseUrl()),
                "tcp://localhost:" + simulator.port(), dataDir.resolve("gateway"), FreePorts.next())
                .withCommandWait(Duration.ofSeconds(1)).withSecret(secret)
                .withBackendFingerprint(backend.tls().fingerprint()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.as(fixture.operator())
                .get("/api/v1/gateways/" + GATEWAY + "/devices").json().path("devices").findValuesAsText("relay"))
                .hasSize(4).containsOnly("true"));

        browser = Browser.start(backend.tls().certificateFile(), 1280, 900);
        page = browser.driver();
        home = backend.baseUrl() + "/";
    }

    /** A week of three metered devices, a reading a minute, through the push API: Figures 3 and 4 have data. */
    private static void seedHistory() throws Exception {
        Http meter = http.as(AccessFixture.around(backend.access()).gateway(METER));
        LocalDate today = LocalDate.now(BERLIN);
        Instant from = today.minusDays(HISTORY_DAYS).atStartOfDay(BERLIN).toInstant();
        Instant to = today.atStartOfDay(BERLIN).toInstant();
        List<String> readings = new ArrayList<>();
        long seq = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            int hour = t.atZone(BERLIN).getHour();
            readings.add(reading("heat-pump", "power", String.valueOf(hour < 7 || hour > 20 ? 1800 : 600), "W", t, ++seq));
            readings.add(reading("oven", "power", String.valueOf(hour == 18 ? 2000 : 2), "W", t, ++seq));
            readings.add(reading("dishwasher", "power", String.valueOf(hour == 21 ? 1200 : 1), "W", t, ++seq));
        }
        for (int start = 0; start < readings.size(); start += 1_000) {
            assertThat(meter.post("/api/v1/gateways/" + METER + "/readings", batch(METER,
                    readings.subList(start, Math.min(readings.size(), start + 1_000)).toArray(String[]::new))).status())
                    .isEqualTo(202);
        }
        String household = backend.access().access().directory().gateway(METER).orElseThrow().household();
        Http operator = http.as(AccessFixture.around(backend.access()).operator());
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(operator.get("/api/v1/households/"
                + household + "/day?date=" + today.minusDays(1)).json().get("total").get(287).path("devicesMeasured")
                .asInt()).isEqualTo(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** What the page showed when a test failed. */
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (page != null) {
                try {
                    browser.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeEach
    void loggedOut() {
        page.get(home);
        ((JavascriptExecutor) page).executeScript("sessionStorage.clear(); localStorage.clear();");
        page.get(home);
    }

    @Test
    void aPlugsLivePowerAppearsWithinTwoSecondsOfItsSample() throws Exception {
        logIn("alice");
        SimulatedDevice plug = simulator.devices().get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> !card(plug).getAttribute("data-power").isEmpty());
        assertThat(text("#live-status")).isEqualTo("live");

        long sampled = System.currentTimeMillis();
        simulator.sampleAll();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Object> arrival = newestArrival(plug.address(), "power");
            assertThat(arrival).isNotNull();
            assertThat(Instant.parse((String) arrival.get("time")).toEpochMilli()).isGreaterThanOrEqualTo(sampled);
            assertThat(Double.parseDouble(card(plug).getAttribute("data-power")))
                    .isEqualTo(((Number) arrival.get("value")).doubleValue());
        });
        Map<String, Object> arrival = newestArrival(plug.address(), "power");
        assertThat(((Number) arrival.get("at")).longValue() - sampled).isLessThan(2_000);
        assertThat(page.findElement(By.id("total-power")).getAttribute("data-watts")).isNotEmpty();
        // the plugs, and the metered devices of the household's other gateway
        assertThat(page.findElements(By.cssSelector("#devices .device"))).extracting(e -> e.getAttribute("data-device"))
                .containsAll(simulator.devices().stream().map(SimulatedDevice::address).toList()).containsAll(METERED);
        browser.screenshot(SCREENSHOTS.resolve("household.png"));
    }

    @Test
    void switchingAPlugOffInThePageSwitchesTheSimulatedPlugAndShowsTheConfirmedState() throws Exception {
        logIn("alice");
        SimulatedDevice plug = simulator.devices().get(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(card(plug).getAttribute("data-relay")));

        card(plug).findElement(By.cssSelector("input[role=switch]")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> !plug.relay());
        await().atMost(Duration.ofSeconds(10)).until(() -> "off".equals(card(plug).getAttribute("data-relay")));
        assertThat(card(plug).findElement(By.cssSelector("input[role=switch]")).isSelected()).isFalse();
        assertThat(card(plug).findElement(By.cssSelector(".error")).getText()).isEmpty();

        card(plug).findElement(By.cssSelector("input[role=switch]")).click();
        await().atMost(Duration.ofSeconds(10)).until(plug::relay);
        await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(card(plug).getAttribute("data-relay")));
    }

    @Test
    void aPlugThatDoesNotConfirmShowsAnErrorAndItsLastConfirmedState() throws Exception {
        logIn("alice");
        SimulatedDevice plug = simulator.devices().get(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(card(plug).getAttribute("data-relay")));
        simulator.leave(plug.address());
        try {
            card(plug).findElement(By.cssSelector("input[role=switch]")).click();

            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(card(plug)
                    .findElement(By.cssSelector(".error")).getText()).startsWith("not switched:").contains("did not confirm"));
            assertThat(card(plug).getAttribute("data-relay")).isEqualTo("on");
            assertThat(card(plug).findElement(By.cssSelector("input[role=switch]")).isSelected()).isTrue();
            browser.screenshot(SCREENSHOTS.resolve("household-relay-error.png"));
        } finally {
            simulator.join(plug.address());
        }
    }

    @Test
    void theWeekdayProfileHasSevenDaysOfNinetySixSlots() throws Exception {
        logIn("alice");
        go("#/profile");

        List<Long> points = await().atMost(Duration.ofSeconds(20)).until(() -> seriesLengths("profile-chart"),
                lengths -> lengths != null && !lengths.isEmpty());
        assertThat(points).hasSize(7).containsOnly(96L);
        assertThat(seriesNames("profile-chart")).containsExactly("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
        // the seeded week: every slot measured, night-time heat pump above day-time
        List<List<Object>> monday = seriesData("profile-chart").get(0);
        assertThat(monday).doesNotContainNull();
        assertThat(((Number) monday.get(8).get(0)).doubleValue()).isGreaterThan(((Number) monday.get(48).get(0)).doubleValue());
        browser.screenshot(SCREENSHOTS.resolve("profile.png"));
    }

    @Test
    void theDayViewChosenWithTheDatePickerHasOneSeriesPerDeviceOf288Points() throws Exception {
        logIn("alice");
        go("#/day");
        LocalDate yesterday = LocalDate.now(BERLIN).minusDays(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.id("day-date")).isEmpty());
        ((JavascriptExecutor) page).executeScript("const p = document.getElementById('day-date'); p.value = arguments[0];"
                + "p.dispatchEvent(new Event('change'));", yesterday.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> page.getCurrentUrl().endsWith("date=" + yesterday)
                && seriesLengths("day-chart") != null && seriesLengths("day-chart").size() == 3);
        assertThat(seriesLengths("day-chart")).containsOnly(288L);
        assertThat(seriesNames("day-chart")).containsExactlyInAnyOrderElementsOf(METERED);
        for (List<List<Object>> series : seriesData("day-chart")) {
            assertThat(series).doesNotContainNull();
        }
        browser.screenshot(SCREENSHOTS.resolve("day.png"));
    }

    @Test
    void aResidentOfAnotherHouseholdSeesNoneOfItsDevices() throws Exception {
        logIn("bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.cssSelector("#devices .device")).size() == 1);
        assertThat(page.findElement(By.cssSelector("#devices .device")).getAttribute("data-device")).isEqualTo("oak-heater");
        assertThat(page.findElement(By.id("household")).isDisplayed()).isFalse();
        go("#/map");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("#map-gateways tr[data-gateway]")).isEmpty());
        String everything = page.getPageSource();
        for (SimulatedDevice plug : simulator.devices()) {
            assertThat(everything).doesNotContain(plug.address());
        }
        assertThat(everything).doesNotContain(GATEWAY).doesNotContain("Maple").doesNotContain("heat-pump");
        // asked straight, the API answers as for a household that does not exist
        go("#/day");
        await().atMost(Duration.ofSeconds(10)).until(() -> seriesLengths("day-chart") != null);
        assertThat(page.getPageSource()).doesNotContain("heat-pump");
    }

    @Test
    void everyPageRendersAndAHouseholdAdminRegistersAGatewayAndGrantsAnApplication() throws Exception {
        backend.access().access().directory().registerApplication("coach", "Energy coach");
        logIn("anna");
        go("#/consumers");
        await().atMost(Duration.ofSeconds(20)).until(() -> page.findElements(By.cssSelector("#consumers tbody tr[data-device]")).size() >= 3);
        assertThat(page.findElement(By.cssSelector("#consumers tbody tr[data-device]")).getAttribute("data-device"))
                .isEqualTo("heat-pump");
        browser.screenshot(SCREENSHOTS.resolve("consumers.png"));
        go("#/events");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("#events tbody tr")).isEmpty());
        browser.screenshot(SCREENSHOTS.resolve("events.png"));
        go("#/map");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.cssSelector("#map-gateways tr[data-gateway]")).size() == 3);
        browser.screenshot(SCREENSHOTS.resolve("map.png"));

        go("#/admin/gateways");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("tr[data-gateway=\"" + GATEWAY + "\"]")).isEmpty());
        WebElement register = page.findElement(By.id("register-gateway"));
        register.findElement(By.name("gateway")).sendKeys("gw-garage");
        register.findElement(By.name("name")).sendKeys("Garage");
        register.findElement(By.name("lat")).sendKeys("52.5");
        register.findElement(By.name("lon")).sendKeys("13.4");
        register.findElement(By.cssSelector("button[type=submit]")).click();
        String shown = await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.id("gateway-secret")).isEmpty() ? null
                : page.findElement(By.id("gateway-secret")).getText(), secret -> secret != null && !secret.isBlank());
        assertThat(backend.access().access().directory().gateway("gw-garage")).isPresent();
        assertThat(http.as(AccessFixture.basic("gw-garage", shown)).post("/api/v1/gateways/gw-garage/readings",
                batch("gw-garage", reading("door", "power", "3", "W", Instant.now(), 1))).status()).isEqualTo(202);
        browser.screenshot(SCREENSHOTS.resolve("admin-gateways.png"));

        go("#/admin/grants");
        WebElement grant = await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.id("add-grant")).isEmpty() ? null
                : page.findElement(By.id("add-grant")), form -> form != null);
        grant.findElement(By.name("devices")).sendKeys("oven");
        grant.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("tr[data-grant]")).isEmpty());
        assertThat(page.findElement(By.cssSelector("tr[data-grant]")).getText()).contains("coach").contains("oven");
        browser.screenshot(SCREENSHOTS.resolve("admin-grants.png"));

        for (String tab : List.of("users", "virtual", "replays")) {
            go("#/admin/" + tab);
            await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("#admin-" + tab + " table")).isEmpty());
            browser.screenshot(SCREENSHOTS.resolve("admin-" + tab + ".png"));
        }
        assertThat(page.findElement(By.id("notice")).isDisplayed()).isFalse();
    }

    /**
     * Issue 17: the Community view charts the residual load per minute the CEP engine stored
     * (here stored directly, as the engine would: a minute of the pipeline takes a minute) against
     * the community's limit.
     */
    @Test
    void theCommunityViewChartsTheResidualLoadPerMinuteAndAsItStandsNow() throws Exception {
        var communities = backend.access().access().communities();
        String maple = backend.access().access().directory().gateway(GATEWAY).orElseThrow().household();
        communities.create(new io.homegrid.security.Community("maple-street", "Maple Street", null, 6_000, 1_000, null));
        communities.join("maple-street", maple, "fixture");
        Instant first = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(),
                backend.jdbcPassword()); java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO "
                        + "community_residual VALUES ('maple-street', ?, ?, 0, 0, ?, 1)")) {
            for (int i = 0; i < 20; i++) {
                insert.setObject(1, java.time.OffsetDateTime.ofInstant(first.plus(Duration.ofMinutes(i)), BERLIN));
                insert.setDouble(2, 1_000 + 100 * i);
                insert.setDouble(3, 1_000 + 100 * i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        logIn("alice");
        go("#/community");

        List<Long> points = await().atMost(Duration.ofSeconds(20)).until(() -> seriesLengths("community-chart"),
                lengths -> lengths != null && !lengths.isEmpty() && lengths.get(0) > 0);
        assertThat(points.get(0)).isEqualTo(20);
        assertThat(seriesNames("community-chart")).containsExactly("residual load", "demand", "PV", "batteries");
        // the simulated plugs push every 2 s; the engine reads who joined within 10 s and sums every
        // 5 s: the residual as it stands comes on the live channel
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(page.findElement(By.id("community-now"))
                .getText()).startsWith("Now ").contains("limit 6.00 kW", "1 household(s)"));
        browser.screenshot(SCREENSHOTS.resolve("community.png"));
    }

    @Test
    void onAPhoneTheHouseholdViewFitsTheScreen() throws Exception {
        page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            logIn("alice");
            await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.cssSelector("#devices .device")).size()
                    >= 4 + METERED.size());
            Object wider = ((JavascriptExecutor) page).executeScript("const w = document.documentElement.clientWidth;"
                    + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5)"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
            Number scroll = (Number) ((JavascriptExecutor) page).executeScript("return document.documentElement.scrollWidth;");
            Number width = (Number) ((JavascriptExecutor) page).executeScript("return document.documentElement.clientWidth;");
            assertThat(scroll.longValue()).as("wider than the screen: %s", wider).isLessThanOrEqualTo(width.longValue());
            browser.screenshot(SCREENSHOTS.resolve("household-phone.png"));
        } finally {
            page.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    private static void logIn(String user) {
        page.findElement(By.id("username")).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user + "-password");
        page.findElement(By.id("login-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("nav")).isDisplayed());
    }

    private static void go(String hash) {
        page.get(home + hash);
    }

    private static String text(String css) {
        return page.findElement(By.cssSelector(css)).getText();
    }

    /** The plug's card, once the page shows it. */
    private static WebElement card(SimulatedDevice plug) {
        By card = By.cssSelector(".device[data-device=\"" + plug.address() + "\"]");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(card).isEmpty());
        return page.findElement(card);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> newestArrival(String device, String sensor) {
        return (Map<String, Object>) ((JavascriptExecutor) page).executeScript("const a = (window.homegrid || {}).arrivals || [];"
                + "for (let i = a.length - 1; i >= 0; i--) { if (a[i].device === arguments[0] && a[i].sensor === arguments[1]) {"
                + "return a[i]; } } return null;", device, sensor);
    }

    /** Each series' number of points, of the ECharts chart in the element; null while there is none. */
    @SuppressWarnings("unchecked")
    private static List<Long> seriesLengths(String element) {
        return (List<Long>) ((JavascriptExecutor) page).executeScript("const e = document.getElementById(arguments[0]);"
                + "const c = e && echarts.getInstanceByDom(e); if (!c) { return null; }"
                + "return c.getOption().series.map(s => s.data.length);", element);
    }

    @SuppressWarnings("unchecked")
    private static List<String> seriesNames(String element) {
        return (List<String>) ((JavascriptExecutor) page).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series.map(s => s.name);",
                element);
    }

    /** Each series' points, each point as a one-element list (null where the chart has a gap). */
    @SuppressWarnings("unchecked")
    private static List<List<List<Object>>> seriesData(String element) {
        return (List<List<List<Object>>>) ((JavascriptExecutor) page).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                        + ".map(s => s.data.map(p => p === null || p === undefined ? null : [p]));", element);
    }
}
