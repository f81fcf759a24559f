package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A moderator's day in a real browser: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver (so nothing is downloaded).
 */
@QuarkusTest
class ModerationBrowserTest {

  @TestHTTPResource("/")
  URL root;

  private Browser session;
  private WebDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    session = new Browser(root);
    browser = session.driver;
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void moderatorLogsInGivesAVerdictAndTheItemLeavesThePendingList() {
    // Given a flagged comment holding markup that would run if the page did not escape it
    String site = uniqueSite();
    long id =
        queue(
            site,
            "review",
            "<script>window.pwned = true</script><img src=x onerror=\"window.pwned=true\">Buy followers");
    String page = root + "moderation?status=pending&site=" + site;

    // When a moderator opens the page, is sent to the login form and logs in
    browser.get(page);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys("moderator");
    browser.findElement(By.id("password")).sendKeys(QueueFixture.MODERATOR_PASSWORD);
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pending-count")));
    browser.get(page);

    // Then the comment is listed, its markup shown as text and never run
    By item = By.id("item-" + id);
    wait.until(ExpectedConditions.presenceOfElementLocated(item));
    String shown = browser.findElement(item).findElement(By.className("content")).getText();
    assertTrue(shown.contains("<script>window.pwned = true</script>"), shown);
    assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned;"));

    // When the moderator clicks Spam on it
    browser.findElement(item).findElement(By.cssSelector("button.spam[name=one]")).click();

    // Then the page confirms and the item has left the pending list
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
    assertEquals("#" + id + " marked spam", browser.findElement(By.id("flash")).getText());
    assertTrue(browser.findElements(item).isEmpty(), "the item should have left the pending list");
    QueueFixture.asModerator()
        .get("/moderation/items/{id}", id)
        .then()
        .statusCode(200)
        .body("verdict", org.hamcrest.Matchers.equalTo("spam"))
        .body("decidedBy", org.hamcrest.Matchers.equalTo("moderator"));
    // And the verdict is now a labeled example for the next retraining
    String label =
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
            .call(() -> com.commentshield.examples.LabeledExample.forItem(id).orElseThrow().label);
    assertEquals("spam", label);
  }
}
