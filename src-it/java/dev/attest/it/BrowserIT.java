package dev.attest.it;

import dev.attest.it.browser.SeedServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit page in a real headless Chromium, driven by Selenium through the system's chromedriver:
 * filters, date navigation, event detail with the action's diff, entity history with its views, the summary
 * chart, exports, links to filtered lists, local times, the 401/403 gate and hostile stored strings.
 * The browser runs in the time zone {@value #ZONE}, so local and UTC times differ. Screenshots go to
 * target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("attest.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("attest.it.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final String ZONE = "Asia/Kolkata";

    static final String HOSTILE_AGENT = "<script>window.__xss=4</script> Seeder/1.0";

    private static ChromeDriver driver;
    private static Path profile;
    private static String invoiceId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // alice (role user) may place legal holds here, so that the page has one to list
        return Deployments.war("browser", "attest.hold-role=user", SeedServlet.class);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): ./test.sh installs them; elsewhere pass -Dattest.it.chromium=... -Dattest.it.chromedriver=...");
        profile = Files.createTempDirectory("attest-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ZONE));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void login(String user, String password) {
        Map<String, Object> headers = user == null ? Map.of() : Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
        driver.get("about:blank"); // the next page loads afresh, even when only its fragment differs
    }

    private void open(String hash) {
        driver.get(base + "audit/" + hash);
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.withMessage(() -> "page at " + driver.getCurrentUrl() + ":\n" + driver.getPageSource());
        return wait;
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#events tbody tr"));
    }

    private void awaitCount() {
        waiting().until(d -> !d.findElement(By.id("count")).getText().isEmpty()
                || !d.findElement(By.id("status")).getText().isEmpty());
        assertEquals("", driver.findElement(By.id("status")).getText());
    }

    private void screenshot(String name) throws IOException {
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void seed() {
        if (invoiceId == null) {
            HttpResponse<String> response = Http.post(Http.request(base, "seed").header("User-Agent", HOSTILE_AGENT));
            assertEquals(200, response.statusCode(), response.body());
            invoiceId = response.body().trim();
        }
    }

    @Test
    @Order(1)
    void noLoginGets401AndALoginWithoutTheRoleGets403() {
        login(null, null);
        open("");
        assertTrue(driver.findElements(By.id("events")).isEmpty(), "no page without a login");
        assertEquals(401, Http.send(Http.request(base, "audit/").GET().build()).statusCode());

        login("bob", "bob-pw");
        open("");
        assertTrue(driver.getPageSource().contains("needs the role 'audit-viewer'"), driver.getPageSource());
        assertTrue(driver.findElements(By.id("events")).isEmpty());
    }

    @Test
    @Order(2)
    void eventListFiltersByActorActionOutcomeAndText() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events");
        awaitCount();
        assertFalse(rows().isEmpty());

        driver.findElement(By.id("filter-actor")).sendKeys("browser-ann");
        driver.findElement(By.id("filter-action")).sendKeys("document.*");
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("actor=browser-ann"));
        awaitCount();
        assertEquals(2, rows().size(), driver.findElement(By.id("count")).getText());
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("actor")).getText().equals("browser-ann")));
        screenshot("events-filtered");

        driver.findElement(By.id("filter-text")).sendKeys("needle");
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("text=needle"));
        awaitCount();
        assertEquals(1, rows().size());
        assertTrue(rows().get(0).getText().contains("bd-2"));

        open("#/events");
        awaitCount();
        driver.findElement(By.id("filter-category-AUTHENTICATION")).click();
        new Select(driver.findElement(By.id("filter-outcome"))).selectByValue("FAILURE");
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("outcome=FAILURE"));
        awaitCount();
        assertTrue(rows().stream().allMatch(r -> r.getText().contains("authn.login.failure")), "only failed logins");
    }

    @Test
    @Order(3)
    void navigationByYearMonthAndDay() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events?actor=browser-ann");
        awaitCount();
        assertEquals(3, rows().size());

        driver.findElement(By.id("year-2025")).click();
        waiting().until(d -> d.getCurrentUrl().contains("from=2025-01-01"));
        awaitCount();
        assertEquals(1, rows().size(), "only the event of 2025");
        assertTrue(rows().get(0).getText().contains("legacy.import"));
        driver.findElement(By.id("month-3")).click();
        waiting().until(d -> d.getCurrentUrl().contains("from=2025-03-01"));
        awaitCount();
        assertEquals(1, rows().size());
        driver.findElement(By.id("day-14")).click();
        waiting().until(d -> d.getCurrentUrl().contains("from=2025-03-14"));
        awaitCount();
        assertEquals(1, rows().size());
        driver.findElement(By.id("day-15")).click();
        waiting().until(d -> d.getCurrentUrl().contains("from=2025-03-15"));
        awaitCount();
        assertEquals(0, rows().size());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        driver.findElement(By.id("date-all")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("year-" + today.getYear()))).click();
        waiting().until(d -> d.getCurrentUrl().contains("from=" + today.getYear() + "-01-01"));
        awaitCount();
        assertEquals(2, rows().size(), "the two document events of this year");
    }

    @Test
    @Order(4)
    void eventDetailShowsRequestArgumentsAndTheDiffOfTheAction() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events?action=invoice.approve&actor=browser-ivy");
        awaitCount();
        assertEquals(1, rows().size());
        rows().get(0).findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "APPROVED"));
        String event = driver.findElement(By.id("event")).getText();
        assertTrue(event.contains("invoice.approve") && event.contains("browser-ivy"), event);
        assertTrue(driver.findElement(By.id("request")).getText().contains("/seed"), "request context");
        assertTrue(driver.findElement(By.id("details")).getText().contains("looks right"), "arguments");
        String diff = driver.findElement(By.id("changes")).getText();
        assertTrue(diff.contains("status") && diff.contains("DRAFT") && diff.contains("APPROVED"), diff);
        screenshot("event-detail");
    }

    @Test
    @Order(5)
    void entityHistoryIsATimelineWithBeforeAndAfterValues() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/history/Invoice/" + invoiceId);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li.revision"), 2));
        List<WebElement> revisions = driver.findElements(By.cssSelector("#timeline li.revision"));
        assertTrue(revisions.get(0).getText().startsWith("MODIFY"), "newest first");
        assertTrue(revisions.get(0).getText().contains("browser-ivy"));
        assertEquals("DRAFT", revisions.get(0).findElement(By.cssSelector("td.before")).getText());
        assertEquals("APPROVED", revisions.get(0).findElement(By.cssSelector("td.after")).getText());
        assertTrue(revisions.get(1).getText().startsWith("ADD") && revisions.get(1).getText().contains("browser-hank"));
        assertTrue(revisions.get(1).getText().contains("Browser & Sons"));
        screenshot("entity-history");

        revisions.get(0).findElement(By.className("action-link")).click();
        waiting().until(d -> d.getCurrentUrl().contains("#/event/"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("event"), "invoice.approve"));
    }

    @Test
    @Order(6)
    void failedLoginsSecurityEventsAndTheSummaryChart() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/logins");
        awaitCount();
        assertTrue(rows().stream().anyMatch(r -> r.getText().contains("mallory")));
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("action")).getText().equals("authn.login.failure")));

        driver.findElement(By.id("nav-security")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("#/security"));
        awaitCount();
        assertTrue(rows().stream().anyMatch(r -> r.getText().contains("security.lockout")));
        assertTrue(rows().stream().allMatch(r -> r.getText().contains("SECURITY")));

        driver.findElement(By.id("nav-summary")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart svg rect.bar")));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<WebElement> bars = driver.findElements(By.cssSelector("#chart rect.bar[data-day='" + today + "']"));
        assertTrue(bars.stream().anyMatch(b -> "ACTION".equals(b.getDomAttribute("data-category"))), "a bar of today's actions");
        assertTrue(Long.parseLong(driver.findElement(By.cssSelector("#card-total b")).getText()) >= 7);
        assertTrue(Long.parseLong(driver.findElement(By.cssSelector("#card-failed-logins b")).getText()) >= 1);
        screenshot("summary");
    }

    @Test
    @Order(7)
    void hostileStoredStringsRenderAsText() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events?action=xss.probe");
        awaitCount();
        assertEquals(1, rows().size());
        WebElement row = rows().get(0);
        assertEquals(SeedServlet.HOSTILE_ACTOR, row.findElement(By.className("actor")).getText());
        assertTrue(row.getText().contains(SeedServlet.HOSTILE_TARGET), row.getText());
        row.findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "bold"));
        String details = driver.findElement(By.id("details")).getText();
        assertTrue(details.contains("<b id=\"injected\">bold</b>"), details);
        assertTrue(details.contains("\\u202e"), "the bidi override was stored as a visible escape: " + details);
        assertTrue(driver.findElement(By.id("request")).getText().contains(HOSTILE_AGENT), "the user agent as text");
        screenshot("hostile-strings");

        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        JavascriptExecutor js = driver;
        assertNull(js.executeScript("return window.__xss === undefined ? null : String(window.__xss);"));
        assertTrue(driver.findElements(By.cssSelector("#view img, #view script, #view b#injected, #view svg[onload]")).isEmpty(),
                "no element came from stored data");
    }

    @Test
    @Order(8)
    void shortValuesNeverBreakMidWord() throws IOException {
        seed();
        login("alice", "alice-pw");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 900));
        try {
            open("#/events");
            awaitCount();
            JavascriptExecutor js = driver;
            Object broken = js.executeScript("""
                    var broken = [];
                    document.querySelectorAll('#events td.time, #events td.category, #events td.outcome, #events td.client, #events td.action')
                        .forEach(function (td) {
                            var walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
                            for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                                var range = document.createRange();
                                range.selectNodeContents(node);
                                if (range.getClientRects().length > 1) { broken.push(node.textContent); }
                            }
                        });
                    return broken.join(' | ');""");
            assertEquals("", broken, "values broken over lines");
            screenshot("events-narrow");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    @Test
    @Order(9)
    void targetsThatAreNotEntitiesLinkToTheEventsAboutThem() {
        seed();
        login("alice", "alice-pw");
        open("#/security");
        awaitCount();
        WebElement lockout = rows().stream().filter(r -> r.getText().contains("security.lockout")).findFirst().orElseThrow();
        lockout.findElement(By.className("target-link")).click();
        waiting().until(d -> d.getCurrentUrl().contains("targetType=User") && d.getCurrentUrl().contains("targetId=mallory"));
        awaitCount();
        assertFalse(rows().isEmpty());
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("target")).getText().equals("User mallory")));
        assertEquals("mallory", driver.findElement(By.id("filter-targetId")).getDomProperty("value"), "the form shows the filter");

        open("#/events?action=invoice.create&actor=browser-hank");
        awaitCount();
        assertEquals("#/history/Invoice/" + invoiceId,
                rows().get(0).findElement(By.className("history-link")).getDomAttribute("href"), "an entity opens its history");
    }

    @Test
    @Order(10)
    void anEntityPageShowsItsRevisionsAndWhoViewedItInOneTimeline() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/history/Invoice/" + invoiceId);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline > li"), 3));
        List<WebElement> entries = driver.findElements(By.cssSelector("#timeline > li"));
        assertEquals("access", entries.get(0).getDomAttribute("class"), "the newest entry is the view");
        assertTrue(entries.get(0).getText().contains("browser-viv") && entries.get(0).getText().contains("invoice.view"),
                entries.get(0).getText());
        assertEquals("revision", entries.get(1).getDomAttribute("class"));
        assertEquals("revision", entries.get(2).getDomAttribute("class"));
        screenshot("entity-timeline");
    }

    @Test
    @Order(11)
    void exportButtonsDownloadTheFilteredEventsAsCsvAndJsonLines() {
        seed();
        login("alice", "alice-pw");
        open("#/events?actor=browser-ann&action=document.*");
        awaitCount();
        String csv = driver.findElement(By.id("export-csv")).getDomAttribute("href");
        String jsonl = driver.findElement(By.id("export-jsonl")).getDomAttribute("href");
        assertEquals("api/export.csv?actor=browser-ann&action=document.*", java.net.URLDecoder.decode(csv, StandardCharsets.UTF_8));
        HttpResponse<String> csvResponse = Http.send(Http.as(Http.request(base, "audit/" + csv), "alice", "alice-pw").GET().build());
        assertEquals(200, csvResponse.statusCode());
        List<String> lines = csvResponse.body().lines().toList();
        assertTrue(lines.get(0).startsWith("id,occurredAt,category,action"), lines.get(0));
        assertEquals(3, lines.size(), "header and the two document events: " + lines);
        HttpResponse<String> jsonlResponse = Http.send(Http.as(Http.request(base, "audit/" + jsonl), "alice", "alice-pw").GET().build());
        assertEquals(2, jsonlResponse.body().lines().count());
        assertTrue(jsonlResponse.body().lines().allMatch(l -> l.contains("\"actorId\":\"browser-ann\"")));
    }

    @Test
    @Order(12)
    void theFilterFormCoversEveryFilterAndSeveralEventTypes() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events");
        awaitCount();
        driver.findElement(By.id("filter-category-AUTHENTICATION")).click();
        driver.findElement(By.id("filter-category-SECURITY")).click();
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("category=AUTHENTICATION%2CSECURITY"));
        awaitCount();
        assertTrue(rows().stream().anyMatch(r -> r.findElement(By.className("category")).getText().equals("SECURITY")));
        assertTrue(rows().stream().anyMatch(r -> r.findElement(By.className("category")).getText().equals("AUTHENTICATION")));
        assertTrue(rows().stream().allMatch(r -> List.of("SECURITY", "AUTHENTICATION").contains(r.findElement(By.className("category")).getText())));
        screenshot("events-two-types");

        for (String field : List.of("targetType", "targetId", "correlationId", "requestId", "clientAddress")) {
            assertFalse(driver.findElements(By.id("filter-" + field)).isEmpty(), "a field for " + field);
        }
        open("#/events");
        awaitCount();
        driver.findElement(By.id("filter-targetType")).sendKeys("Invoice");
        driver.findElement(By.id("filter-targetId")).sendKeys(invoiceId);
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("targetId=" + invoiceId));
        awaitCount();
        assertEquals(3, rows().size(), "created, approved and viewed");

        // actor, client address, request id and correlation id are links to the filtered list
        rows().get(0).findElement(By.className("actor-link")).click();
        waiting().until(d -> d.getCurrentUrl().contains("actor=browser-viv"));
        awaitCount();
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("actor")).getText().startsWith("browser-viv")));
        open("#/events?action=invoice.approve&actor=browser-ivy");
        awaitCount();
        String client = rows().get(0).findElement(By.className("client")).getText();
        rows().get(0).findElement(By.className("client-link")).click();
        waiting().until(d -> d.getCurrentUrl().contains("clientAddress="));
        awaitCount();
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("client")).getText().equals(client)));
        open("#/events?action=invoice.approve&actor=browser-ivy");
        awaitCount();
        rows().get(0).findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.className("correlation-link"))).click();
        waiting().until(d -> d.getCurrentUrl().contains("correlationId="));
        awaitCount();
        assertEquals(1, rows().size());
        assertTrue(rows().get(0).getText().contains("invoice.approve"));
        rows().get(0).findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.className("request-link"))).click();
        waiting().until(d -> d.getCurrentUrl().contains("requestId="));
        awaitCount();
        assertTrue(rows().stream().anyMatch(r -> r.getText().contains("invoice.approve")), "the events of the seeding request");
    }

    @Test
    @Order(13)
    void timesAreLocalToTheSecondWithUtcOnHover() {
        seed();
        login("alice", "alice-pw");
        open("#/events?action=legacy.import");
        awaitCount();
        WebElement time = rows().get(0).findElement(By.cssSelector("td.time time"));
        assertEquals("2025-03-14 15:30:00", time.getText(), "10:00 UTC in " + ZONE);
        assertEquals("2025-03-14 10:00:00 UTC", time.getDomAttribute("title"));
    }

    @Test
    @Order(14)
    void yearLinksAreTheYearsTheTrailHolds() {
        seed();
        login("alice", "alice-pw");
        open("#/events");
        awaitCount();
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        List<String> years = driver.findElements(By.cssSelector("#dates a[id^='year-']")).stream().map(WebElement::getText).toList();
        assertEquals(List.of(String.valueOf(thisYear), "2025"), years, "this year's events and the one of 2025, nothing else");
    }

    @Test
    @Order(15)
    void theViewersOwnReadsAreHiddenUntilAsked() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events?action=audit.read");
        awaitCount();
        assertEquals(0, rows().size(), "alice's reads of the trail are hidden");
        assertTrue(driver.findElement(By.id("count")).getText().contains("hidden"));
        driver.findElement(By.id("filter-ownReads")).click();
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> d.getCurrentUrl().contains("ownReads=true"));
        awaitCount();
        assertFalse(rows().isEmpty());
        assertTrue(rows().stream().allMatch(r -> r.findElement(By.className("actor")).getText().equals("alice")));
        screenshot("own-reads-shown");
    }

    @Test
    @Order(16)
    void aSystemEventHasNoRequestSectionAndEveryEventHasItsRawJson() throws IOException {
        seed();
        login("alice", "alice-pw");
        open("#/events?action=attest.started");
        awaitCount();
        assertEquals(1, rows().size());
        rows().get(0).findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("event"), "attest.started"));
        assertTrue(driver.findElements(By.id("request-heading")).isEmpty(), "no empty Request heading");
        assertTrue(driver.findElements(By.id("request")).isEmpty());
        driver.findElement(By.cssSelector("#raw summary")).click();
        String raw = driver.findElement(By.id("raw-json")).getText();
        ((JavascriptExecutor) driver).executeScript("document.getElementById('raw').scrollIntoView()");
        assertTrue(raw.contains("\"action\": \"attest.started\"") && raw.contains("\"actorType\": \"SYSTEM\""), raw);
        screenshot("system-event-raw-json");
    }

    @Test
    @Order(17)
    void theLegalHoldsViewListsHoldsInForceAsText() throws IOException {
        seed();
        String hostileCase = "CASE-<img src=x onerror=window.__xss=5>";
        HttpResponse<String> placed = Http.send(Http.as(Http.request(base, "audit/api/holds"), "alice", "alice-pw")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("targetType=Invoice&targetId=" + invoiceId + "&case="
                        + java.net.URLEncoder.encode(hostileCase, StandardCharsets.UTF_8))).build());
        assertEquals(201, placed.statusCode(), placed.body());
        login("alice", "alice-pw");
        open("#/events");
        driver.findElement(By.id("nav-holds")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#holds tbody tr")));
        WebElement row = driver.findElements(By.cssSelector("#holds tbody tr")).get(0);
        assertTrue(row.getText().contains(hostileCase), row.getText());
        assertTrue(row.getText().contains("target Invoice " + invoiceId), row.getText());
        assertTrue(row.getText().contains("alice"), row.getText());
        assertEquals(null, ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss"));
        screenshot("legal-holds");
    }
}
