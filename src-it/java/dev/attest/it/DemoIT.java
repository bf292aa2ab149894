package dev.attest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo application as a visitor meets it: the WAR {@code mvn -Pdemo package} builds (on Payara the one
 * {@code mvn -Pdemo,payara package} builds, with {@code src-it/demo/payara}'s descriptors), deployed as it is,
 * driven in a real headless Chromium: FORM login, every button of the demo page, its link to the audit page,
 * logout and lockout; what each recorded is read back through the audit API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChromeDriver driver;
    private static Path profile;

    private static final boolean PAYARA = Server.current() == Server.PAYARA;

    @Deployment(testable = false)
    static WebArchive deployment() {
        File webapp = new File("src-it/demo/webapp");
        // Payara's descriptors come first, as in the build's demo-war-payara: the first copy of a file wins
        File descriptors = new File(PAYARA ? "src-it/demo/payara/WEB-INF" : "src-it/demo/webapp/WEB-INF");
        File resources = new File(PAYARA ? "src-it/demo/payara/WEB-INF/classes" : "src-it/demo/resources");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "attest-demo.war")
                .addAsLibrary(new File(System.getProperty("attest.jar")))
                .addAsLibraries(jars("runtime"))
                .addPackages(true, "dev.attest.demo")
                .addAsResource(new File(resources, "META-INF/persistence.xml"), "META-INF/persistence.xml")
                .addAsResource(new File(resources, "META-INF/microprofile-config.properties"),
                        "META-INF/microprofile-config.properties")
                .setWebXML(new File(descriptors, "web.xml"))
                .addAsWebInfResource(new File(webapp, "WEB-INF/beans.xml"), "beans.xml");
        if (PAYARA) {
            war.addAsWebInfResource(new File(descriptors, "glassfish-web.xml"), "glassfish-web.xml")
                    .addAsLibraries(jars("hibernate"));
        }
        for (String page : new String[] {"index.html", "demo.js", "demo.css", "login.html", "login-error.html"}) {
            war.addAsWebResource(new File(webapp, page), page);
        }
        return war;
    }

    private static File[] jars(String folder) {
        return Objects.requireNonNull(new File(System.getProperty("attest.it.lib"), folder)
                .listFiles((d, name) -> name.endsWith(".jar")), "no jars in " + folder);
    }

    @ArquillianResource
    URL base;

    /** alice's session for reading the trail over HTTP on Payara, whose demo logs in through its form only. */
    private static HttpClient aliceSession;

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("attest-demo-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserIT.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1300", "--user-data-dir=" + profile);
        driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserIT.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(BrowserIT.SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.withMessage(() -> "page at " + driver.getCurrentUrl() + ":\n" + driver.getPageSource());
        return wait;
    }

    private void screenshot(String name) throws IOException {
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), BrowserIT.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void logIn(String user, String password) {
        driver.get(base.toString());
        driver.manage().deleteAllCookies();
        driver.get(base.toString());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("j_username"))).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "logged in as " + user));
    }

    /** Clicks the button and returns its answer. */
    private String press(String id) {
        driver.findElement(By.id("try-" + id)).click();
        WebElement output = driver.findElement(By.id("result-" + id));
        waiting().until(d -> !output.getText().isEmpty() && !output.getText().equals("…"));
        return output.getText();
    }

    private JsonNode events(String query) throws IOException {
        HttpResponse<String> response = asAlice("audit/api/events?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("events");
    }

    /**
     * A GET as alice: with HTTP BASIC on WildFly (the demo's "BASIC for requests with an Authorization header"); on
     * Payara through the demo's login form, once, as a browser would, keeping the session.
     */
    private HttpResponse<String> asAlice(String path) throws IOException {
        if (!PAYARA) {
            return Http.send(Http.as(Http.request(base, path), "alice", "alice-pw").GET().build());
        }
        try {
            if (aliceSession == null) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
                HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "index.html"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(login.body().contains("j_security_check"), "the login form: " + login.body());
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "j_security_check"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=alice-pw")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), "alice logged in through the form: " + page.body());
                aliceSession = client;
            }
            return aliceSession.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theServerLogSaysWhereTheDemoIsAndWhoMayLogIn() throws IOException {
        String log = Files.readString(Path.of(System.getProperty("attest.it.server.log")));
        assertTrue(log.contains("Attest demo ready at http://localhost:" + base.getPort() + "/attest-demo/ (audit page http://localhost:"
                + base.getPort() + "/attest-demo/audit/); users alice/alice-pw"), "the ready line with the URL and the users");
    }

    @Test
    @Order(2)
    void everyButtonOfTheDemoPageDoesWhatItSaysAndIsRecorded() throws IOException {
        logIn("alice", "alice-pw");
        assertTrue(press("approve").startsWith("200 approved INV-"), driver.getPageSource());
        assertTrue(press("reason").startsWith("200 repriced"));
        assertTrue(press("run-as").startsWith("200 imported FEED-"));
        assertEquals("200 viewed Ada Lovelace", press("view").replace(" See it in the audit trail", ""));
        assertTrue(press("export").startsWith("200 exported"));
        assertTrue(press("fail").startsWith("200 failed as it should: card declined"));
        assertTrue(press("rollback").contains("is still DRAFT"));
        assertTrue(press("monitor").contains("recorded as suspicious"));
        screenshot("demo-page");

        JsonNode approve = events("action=invoice.approve&actor=alice").get(0);
        assertEquals("checked against the order", approve.get("details").get("arguments").get("comment").asText());
        assertEquals("***REDACTED***", approve.get("details").get("arguments").get("approvalPin").asText());
        JsonNode reprice = events("action=invoice.reprice&actor=alice").get(0);
        assertEquals("ticket SUP-12: price agreed by phone", reprice.get("reason").asText());
        JsonNode imported = events("action=invoice.import&actor=partner-feed").get(0);
        assertEquals("SYSTEM", imported.get("actorType").asText());
        assertEquals("ACCESS", events("action=patient.view&actor=alice").get(0).get("category").asText());
        assertEquals("EXPORT", events("action=invoice.export&actor=alice").get(0).get("category").asText());
        JsonNode pay = events("action=invoice.pay&actor=alice").get(0);
        assertEquals("FAILURE", pay.get("outcome").asText());
        assertFalse(pay.toString().contains("4111"), "the card number is never stored");
        assertEquals("TransactionRolledBack", events("action=invoice.approve-then-veto&actor=alice").get(0).get("errorType").asText());
        assertFalse(events("category=SECURITY").isEmpty(), "the monitor recorded the suspicious request");
        boolean form = false;
        for (JsonNode login : events("action=authn.login.success&actor=alice")) {
            form |= "FORM".equals(login.get("details").get("mechanism").asText());
        }
        assertTrue(form, "alice's login through the demo's form is recorded with mechanism FORM");
    }

    @Test
    @Order(3)
    void aButtonsAnswerLinksToWhatItRecordedOnTheAuditPage() throws IOException {
        logIn("alice", "alice-pw");
        press("approve");
        driver.findElement(By.cssSelector("#result-approve a.audit-link")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/audit/#/events?requestId="));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tbody tr")));
        WebElement row = driver.findElements(By.cssSelector("#events tbody tr")).stream()
                .filter(r -> r.getText().contains("invoice.approve")).findFirst().orElseThrow();
        row.findElement(By.className("detail-link")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "***REDACTED***"));
        screenshot("demo-approve-in-audit-page");
    }

    @Test
    @Order(4)
    void theDemosOwnAuditApiIsGoneAndLogoutIsRecorded() throws IOException {
        assertEquals(404, asAlice("api/audit/events").statusCode(), "one audit API: the library's, whose reads are recorded");
        logIn("bob", "bob-pw");
        driver.findElement(By.id("logout")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
        assertFalse(events("action=authn.logout&actor=bob").isEmpty());
    }

    @Test
    @Order(5)
    void wrongPasswordsOverTheLimitLockTheNameAndAddressOut() throws IOException {
        logIn("alice", "alice-pw");
        String answer = press("lockout");
        assertTrue(answer.startsWith("1: wrong password (401), 2: wrong password (401), 3: wrong password (401),"
                + " 4: wrong password (401), 5: wrong password (401)"), answer);
        assertTrue(answer.matches("(?s).*\\b([6-9]|10): refused \\(403\\).*"), answer);
        screenshot("demo-lockout");
        // alice's session goes on (requests without credentials are served), and shows what was recorded
        driver.get(base + "audit/#/events?category=AUTHENTICATION%2CSECURITY");
        waiting().until(d -> d.findElements(By.cssSelector("#events tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("authn.login.blocked")));
        assertTrue(driver.findElements(By.cssSelector("#events tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("security.brute-force")));
        screenshot("demo-lockout-in-audit-page");
    }
}
