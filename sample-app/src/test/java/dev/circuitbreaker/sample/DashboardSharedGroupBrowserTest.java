package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.group.GroupLink;
import dev.circuitbreaker.group.GroupState;
import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.LocalDecision;
import dev.circuitbreaker.group.SharedGroupState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The payments breaker in a group shared across instances, as the dashboard shows it: the group's block says
 * through which store it is shared and which instance took the decision the group is in, and follows a new decision
 * without a reload. The store is a stand-in that reports a status the test sets (the Redis store itself is tested
 * against a real redis-server in its own module).
 */
@SampleAppTest
@TestPropertySource(properties = {"circuitbreaker.instances.payments.group=payments-cluster",
        "circuitbreaker.groups.payments-cluster.shared=true"})
@Import(DashboardSharedGroupBrowserTest.StandInStore.class)
class DashboardSharedGroupBrowserTest {

    static final String ORIGIN = "section.group[data-group='payments-cluster'] .group-origin";

    @LocalServerPort
    int port;

    @Autowired
    StandInStore store;

    ChromeDriver browser;

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGroupsBlockSaysWhichInstanceTookTheGroupsDecision() {
        store.status.set(new GroupStoreStatus("payments-cluster", "stand-in", "instance-a", true, 0, null, null));
        browser = HeadlessChromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50));
        browser.get("http://localhost:" + port + "/circuitbreakers/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(ORIGIN),
                "Shared across instances through stand-in."));
        WebElement group = browser.findElement(By.cssSelector("section.group[data-group='payments-cluster']"));
        assertThat(group.findElements(By.cssSelector("section.card[data-name='payments']"))).hasSize(1);

        store.status.set(new GroupStoreStatus("payments-cluster", "stand-in", "instance-a", true, 3, "instance-b",
                GroupState.OPEN));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(ORIGIN),
                "OPEN decided by instance instance-b (another instance)."));
        assertThat(browser.findElement(By.cssSelector(ORIGIN)).getAttribute("data-decided-by")).isEqualTo("instance-b");

        store.status.set(new GroupStoreStatus("payments-cluster", "stand-in", "instance-a", false, 3, "instance-a",
                GroupState.OPEN));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(ORIGIN), "unreachable"));
        assertThat(browser.findElement(By.cssSelector(ORIGIN)).getText()).contains("(this instance)");
    }

    /** A group store (the configuration class is the bean) that shares nothing and reports the status the test sets. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StandInStore implements GroupStore {

        final AtomicReference<GroupStoreStatus> status = new AtomicReference<>();

        @Override
        public GroupLink attach(SharedGroupState group) {
            return new GroupLink() {
                @Override
                public void localDecision(LocalDecision decision) {
                }

                @Override
                public GroupStoreStatus status() {
                    GroupStoreStatus s = status.get();
                    return s != null ? s : new GroupStoreStatus(group.group(), "stand-in", "instance-a", true, 0, null, null);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
