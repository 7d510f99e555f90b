package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in real headless Chromium against the running sample: the page follows the breaker to OPEN when the
 * bank fails, shows the write buttons (the sample grants write access) and a click on one changes the breaker.
 * Leaves a screenshot in {@code target/dashboard.png}.
 */
@SampleAppTest
class DashboardBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @LocalServerPort
    int port;

    SampleClient sample;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openTheDashboard() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50));
        sample = new SampleClient(port);
        sample.healthyBank();
        sample.pay("order-ok-1");
        sample.pay("order-ok-2");
        browser.get("http://localhost:" + port + "/circuitbreakers");
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageShowsTheBreakerOpenAfterTheBankFailsAndAButtonForcesItOpen() throws Exception {
        assertThat(browser.getCurrentUrl()).as("redirected so relative links resolve").endsWith("/circuitbreakers/");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-name='payments'] .cb-state"), "CLOSED"));
        assertThat(browser.findElements(By.cssSelector("script[src^='http'], link[href^='http']")))
                .as("nothing loaded from another origin").isEmpty();

        sample.bankMode("failing");
        for (int i = 1; i <= 3; i++) {
            sample.pay("order-fail-" + i);
        }
        WebElement card = browser.findElement(By.cssSelector("[data-name='payments']"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-name='payments'] .cb-state"), "OPEN"));
        assertThat(card.getAttribute("data-state")).isEqualTo("OPEN");
        assertThat(card.findElement(By.cssSelector("[data-metric='failedCalls']")).getText()).isEqualTo("3");
        assertThat(card.findElement(By.cssSelector("[data-metric='failureRate']")).getText())
                .as("2 successes and 3 failures in the window").isEqualTo("60 %");
        // The chart is drawn from the history the page fetches (at most once per refresh interval), which may
        // follow the stream's state by one fetch.
        wait.until(d -> card.findElements(By.cssSelector("svg.chart rect[data-outcome='FAILURE']")).size() == 3);
        assertThat(card.findElements(By.cssSelector("svg.chart rect[data-outcome='SUCCESS']"))).hasSize(2);
        assertThat(card.findElement(By.cssSelector(".timer")).getText()).matches("(Next trial call in|Wait over).*");
        assertThat(card.findElement(By.cssSelector(".last-error")).getText()).contains("503");
        assertThat(card.findElement(By.cssSelector(".rules")).getText()).as("the effective config, from the endpoint")
                .startsWith("Opens at 3 failures or 50 % slower than 150 ms in the last 10 calls (rates once 4 calls)")
                .contains("waits 600 ms").contains("2 trial successes");
        saveScreenshot();

        WebElement forceOpen = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-name='payments'] button[data-action='force-open']")));
        assertThat(browser.findElement(By.id("writes")).getText()).contains("Write access granted");
        browser.findElement(By.cssSelector("[data-name='payments'] button[data-action='reset']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-name='payments'] .cb-state"), "CLOSED"));
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("CLOSED");

        forceOpen.click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-name='payments'] .cb-state"), "FORCED_OPEN"));
        assertThat(sample.breaker("payments").path("state").asText()).as("the click changed the real breaker")
                .isEqualTo("FORCED_OPEN");
        assertThat(sample.pay("order-after-click").getBody().path("reason").asText()).contains("FORCED_OPEN");
    }

    private void saveScreenshot() throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
