package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With the endpoint left read-only (the starter's default), the page shows the breaker but no write buttons. */
@SampleAppTest
@TestPropertySource(properties = "management.endpoint.circuitbreakers.access=read-only")
class DashboardReadOnlyBrowserTest {

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void withoutWriteAccessThePageHidesTheButtons() {
        assertThat(new SampleClient(port).breakerAction("payments", "force-open").getStatusCode().value())
                .as("the endpoint really is read-only").isEqualTo(405);
        browser = HeadlessChromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50));
        browser.get("http://localhost:" + port + "/circuitbreakers/");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("writes"), "Read-only"));
        WebElement card = browser.findElement(By.cssSelector("[data-name='payments']"));
        assertThat(card.findElement(By.cssSelector(".cb-state")).getText()).isEqualTo("CLOSED");
        assertThat(card.findElements(By.cssSelector("button[data-action]"))).hasSize(6)
                .noneMatch(WebElement::isDisplayed);
    }
}
