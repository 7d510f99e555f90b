package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.test.ManualTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard as its event stream drives it, in real headless Chromium: the page follows the breaker through a
 * whole recovery without a reload and without polling the endpoint, its timeline lists every transition, and with
 * the stream blocked it falls back to polling. Leaves {@code target/dashboard-live.png}.
 */
@SampleAppTest
class DashboardLiveBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard-live.png");
    static final String CARD = "[data-name='payments']";

    @LocalServerPort
    int port;

    @Autowired
    ManualTicker ticker;

    SampleClient sample;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startTheBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50));
        sample = new SampleClient(port);
        sample.healthyBank();
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageFollowsARecoveryFromTheStreamAloneAndItsTimelineShowsEveryTransition() throws Exception {
        browser.get("http://localhost:" + port + "/circuitbreakers/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Live"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "CLOSED"));
        browser.executeScript("window.__sameDocument = true; window.__listPolls = 0; var f = window.fetch;"
                + "window.fetch = function (u) { if (/\\/actuator\\/circuitbreakers$/.test(String(u))) { window.__listPolls++; }"
                + " return f.apply(this, arguments); };");
        int before = transitions().size();

        sample.bankMode("failing");
        for (int i = 1; i <= 3; i++) {
            sample.pay("order-fail-" + i);
        }
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "OPEN"));
        wait.until(d -> events("ERROR").size() >= 3);
        assertThat(events("ERROR")).first().asString().contains("503");

        sample.bankMode("healthy");
        ticker.advance(Duration.ofMillis(600));
        sample.pay("order-trial-1");
        sample.pay("order-trial-2");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "CLOSED"));
        wait.until(d -> transitions().size() >= before + 3);

        List<String> timeline = transitions();
        assertThat(timeline.subList(timeline.size() - 3, timeline.size()))
                .containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
        assertThat(browser.findElements(By.cssSelector(CARD + " .strip .period")).size()).isEqualTo(timeline.size());
        assertThat(browser.findElement(By.cssSelector(CARD + " ol.timeline")).getAttribute("aria-label"))
                .contains("state transitions of payments");
        assertThat(browser.executeScript("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(browser.executeScript("return window.__listPolls")).as("no poll of the endpoint").isEqualTo(0L);

        sample.bankMode("failing");
        for (int i = 4; i <= 6; i++) {
            sample.pay("order-fail-" + i);
        }
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "OPEN"));
        wait.until(d -> transitions().size() >= before + 4);
        wait.until(d -> browser.findElements(By.cssSelector(CARD + " svg.chart rect[data-outcome='FAILURE']")).size() >= 3);
        saveScreenshot();

        // Rejected while OPEN (the ticker stands still): one line, whose count follows the run in place.
        sample.pay("order-rejected-1");
        sample.pay("order-rejected-2");
        wait.until(d -> events("NOT_PERMITTED").size() == 1);
        for (int i = 3; i <= 5; i++) {
            sample.pay("order-rejected-" + i);
        }
        wait.until(d -> events("NOT_PERMITTED").stream().anyMatch(text -> text.contains("NOT_PERMITTED \u00d75")));
        assertThat(events("NOT_PERMITTED")).hasSize(1);
    }

    @Test
    void withTheStreamBlockedThePagePollsTheEndpointInstead() {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/circuitbreakers/events")));
        browser.get("http://localhost:" + port + "/circuitbreakers/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Polling"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "CLOSED"));
        browser.executeScript("window.__sameDocument = true;");

        sample.bankMode("failing");
        for (int i = 1; i <= 3; i++) {
            sample.pay("order-fail-" + i);
        }
        wait.until(ExpectedConditions.textToBe(By.cssSelector(CARD + " .cb-state"), "OPEN"));
        wait.until(d -> transitions().contains("CLOSED>OPEN"));
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("Polling");
        assertThat(browser.executeScript("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
    }

    /** The card's timeline as {@code FROM>TO}, read in one go (the page redraws it as events arrive). */
    @SuppressWarnings("unchecked")
    private List<String> transitions() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (li) { return li.getAttribute('data-from') + '>' + li.getAttribute('data-to'); });",
                CARD + " ol.timeline li");
    }

    @SuppressWarnings("unchecked")
    private List<String> events(String type) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (li) { return li.textContent; });", CARD + " ol.events li[data-type='" + type + "']");
    }

    private void saveScreenshot() throws Exception {
        browser.manage().window().setSize(new Dimension(860, 1250));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
