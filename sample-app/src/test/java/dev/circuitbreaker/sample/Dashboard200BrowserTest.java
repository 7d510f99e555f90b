package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard with 200 more breakers (created at run time: three of them a shared group, one with a bulkhead) in real headless
 * Chromium: every card renders, folded; OPEN comes first with the group's members together; the filter box and the
 * state buttons narrow the list; the cards work from the keyboard. Leaves {@code target/dashboard-200.png}.
 */
@SampleAppTest
class Dashboard200BrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard-200.png");
    static final int SERVICES = 196;
    static final int CARDS = SERVICES + 5;

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry registry;

    final List<String> created = new ArrayList<>();
    final List<CallPermit> running = new ArrayList<>();
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void twoHundredBreakers() {
        new SampleClient(port).healthyBank();
        for (int i = 1; i <= SERVICES; i++) {
            String name = String.format("svc-%03d", i);
            registry.circuitBreaker(name);
            created.add(name);
        }
        CircuitBreakerConfig grouped = registry.defaultConfig().toBuilder().group("inventory").build();
        for (String member : List.of("inventory-a", "inventory-b", "inventory-c")) {
            registry.circuitBreaker(member, grouped);
            created.add(member);
        }
        registry.circuitBreaker("svc-bulkhead", registry.defaultConfig().toBuilder().maxConcurrentCalls(10).build());
        created.add("svc-bulkhead");
        for (int i = 0; i < 3; i++) {
            running.add(registry.find("svc-bulkhead").orElseThrow().acquirePermit());
        }
        registry.find("svc-007").orElseThrow().transitionToOpen();
        registry.find("svc-042").orElseThrow().forceOpen();
        registry.find("svc-099").orElseThrow().transitionToHalfOpen();
        registry.find("inventory-b").orElseThrow().transitionToOpen();
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    @AfterEach
    void removeThem() {
        if (browser != null) {
            browser.quit();
        }
        running.forEach(CallPermit::onCancel);
        created.forEach(registry::remove);
    }

    @Test
    void twoHundredBreakersRenderFoldedOpenFirstWithTheGroupTogetherAndFilter() throws Exception {
        long start = System.nanoTime();
        browser.get("http://localhost:" + port + "/circuitbreakers/");
        wait.until(d -> cards().size() == CARDS);
        long renderedMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("dashboard: " + (CARDS) + " cards rendered " + renderedMs + " ms after the page was requested");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shown"), (CARDS) + " breakers"));

        assertThat(cards().subList(0, 6)).extracting(card -> card.getAttribute("data-name"))
                .as("OPEN first (the group counts as its members' state), then FORCED_OPEN, then HALF_OPEN")
                .containsExactly("inventory-a", "inventory-b", "inventory-c", "svc-007", "svc-042", "svc-099");
        WebElement group = browser.findElement(By.cssSelector("main > section.group[data-group='inventory']"));
        assertThat(group.findElements(By.cssSelector("section.card"))).hasSize(3)
                .allSatisfy(card -> assertThat(card.getAttribute("data-state")).isEqualTo("OPEN"));
        assertThat(browser.findElements(By.cssSelector("section.card .toggle[aria-expanded='true']")))
                .as("with this many breakers the cards start folded").isEmpty();
        assertThat(browser.findElement(By.cssSelector("#summary button[data-state='OPEN']")).getText()).isEqualTo("OPEN 4");
        saveScreenshot();

        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("svc-17");
        wait.until(ExpectedConditions.textToBe(By.id("shown"), "10 of " + (CARDS) + " breakers shown"));
        assertThat(visibleNames()).containsExactly("svc-170", "svc-171", "svc-172", "svc-173", "svc-174",
                "svc-175", "svc-176", "svc-177", "svc-178", "svc-179");
        filter.sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("Tab moves on to the sort box").isEqualTo("sort");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "inventory");
        wait.until(d -> visibleNames().equals(List.of("inventory-a", "inventory-b", "inventory-c")));
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(d -> visibleNames().size() == CARDS);

        WebElement openOnly = browser.findElement(By.cssSelector("#summary button[data-state='OPEN']"));
        openOnly.click();
        wait.until(d -> visibleNames().size() == 4);
        assertThat(openOnly.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(visibleNames()).containsExactly("inventory-a", "inventory-b", "inventory-c", "svc-007");

        WebElement toggle = browser.findElement(By.cssSelector("[data-name='svc-007'] button.toggle"));
        assertThat(toggle.getAttribute("aria-controls")).isNotBlank();
        toggle.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(toggle, "aria-expanded", "true"));
        WebElement body = browser.findElement(By.id(toggle.getAttribute("aria-controls")));
        assertThat(body.isDisplayed()).isTrue();
        wait.until(d -> !body.findElement(By.cssSelector(".rules")).getText().isEmpty());
        assertThat(body.findElements(By.cssSelector("ol.timeline li"))).extracting(li -> li.getAttribute("data-to"))
                .containsExactly("OPEN");

        openOnly.click();
        WebElement bulkhead = browser.findElement(By.cssSelector("[data-name='svc-bulkhead']"));
        assertThat(bulkhead.findElement(By.cssSelector(".summary-line")).getText()).endsWith("3 of 10 running");
        bulkhead.findElement(By.cssSelector("button.toggle")).click();
        WebElement concurrency = bulkhead.findElement(By.cssSelector("[data-metric='concurrentCalls']"));
        wait.until(ExpectedConditions.textToBePresentInElement(concurrency, "3 / 10"));
        assertThat(bulkhead.findElement(By.cssSelector("meter")).getAttribute("value")).isEqualTo("3");
        running.remove(0).onSuccess();
        wait.until(ExpectedConditions.textToBePresentInElement(concurrency, "2 / 10"));
        openOnly.click();

        registry.find("svc-150").orElseThrow().transitionToOpen();
        wait.until(d -> visibleNames().contains("svc-150"));
        assertThat(browser.findElement(By.cssSelector("#summary button[data-state='OPEN']")).getText()).isEqualTo("OPEN 5");
    }

    private List<WebElement> cards() {
        return browser.findElements(By.cssSelector("section.card"));
    }

    /** The names of the cards shown, in page order, read in one go (the page redraws cards as events arrive). */
    @SuppressWarnings("unchecked")
    private List<String> visibleNames() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll('section.card'))"
                + ".filter(function (c) { return c.offsetParent !== null; })"
                + ".map(function (c) { return c.getAttribute('data-name'); });");
    }

    private void saveScreenshot() throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
