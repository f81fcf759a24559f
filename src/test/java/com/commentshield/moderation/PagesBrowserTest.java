package com.commentshield.moderation;

import static com.commentshield.moderation.QueueFixture.queue;
import static com.commentshield.moderation.QueueFixture.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pages in a real browser: the queue's keys (j, s, u), search and select-all, the admin page's
 * policy preview, a wrong password, and a phone-width layout without sideways scrolling. The
 * screenshots in docs/screenshots come from here.
 */
@QuarkusTest
class PagesBrowserTest {

  @TestHTTPResource("/")
  URL root;

  private Browser browser;

  @BeforeEach
  void openBrowser() throws Exception {
    browser = new Browser(root);
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aModeratorMovesWithJJudgesWithSAndTakesItBackWithU() {
    String site = uniqueSite();
    long older = queue(site, "review", "first comment in line");
    long newer = queue(site, "review", "second comment in line");
    browser.logIn("moderator", QueueFixture.MODERATOR_PASSWORD);
    browser.open("moderation?status=pending&site=" + site);
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("item-" + older)));
    browser.script("sessionStorage.clear()");
    browser.open("moderation?status=pending&site=" + site);

    // Given the newest comment is the current one, when the moderator presses j
    WebElement first = browser.driver.findElement(By.id("item-" + newer));
    assertTrue(first.getAttribute("class").contains("current"), "the first item is current");
    keys("j");
    WebElement second = browser.driver.findElement(By.id("item-" + older));
    assertTrue(second.getAttribute("class").contains("current"), "j moves to the next item");

    // When s is pressed, the current comment is judged spam and leaves the list
    keys("s");
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undo-button")));
    assertEquals(
        "#" + older + " marked spam", browser.driver.findElement(By.id("flash")).getText());
    assertTrue(browser.driver.findElements(By.id("item-" + older)).isEmpty());
    QueueFixture.asModerator()
        .get("/moderation/items/{id}", older)
        .then()
        .body("verdict", org.hamcrest.Matchers.equalTo("spam"));

    // When u is pressed within the minute, the verdict is taken back and the comment waits again
    keys("u");
    browser.wait.until(
        ExpectedConditions.textToBe(By.id("flash"), "Undone: #" + older + " waits again"));
    assertFalse(browser.driver.findElements(By.id("item-" + older)).isEmpty());
    QueueFixture.asModerator()
        .get("/moderation/items/{id}", older)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("pending"));

    // And ? shows the list of keys
    keys("?");
    assertTrue(browser.driver.findElement(By.id("shortcuts")).getAttribute("open") != null);
  }

  @Test
  void searchFindsACommentAndSelectAllJudgesEveryOneShown() {
    String site = uniqueSite();
    String word = "qx" + UUID.randomUUID().toString().substring(0, 6);
    long match = queue(site, "review", "this one mentions " + word);
    long other = queue(site, "review", "this one does not");
    long third = queue(site, "block", "nor does this one");
    browser.logIn("moderator", QueueFixture.MODERATOR_PASSWORD);

    // When the moderator searches for the word
    browser.open("moderation?status=pending");
    WebElement search = browser.driver.findElement(By.id("search"));
    search.sendKeys(word);
    search.submit();
    browser.wait.until(ExpectedConditions.urlContains("q=" + word));
    assertFalse(browser.driver.findElements(By.id("item-" + match)).isEmpty());
    assertTrue(browser.driver.findElements(By.id("item-" + other)).isEmpty());

    // When all of the site's comments are selected at once and judged spam
    browser.open("moderation?status=pending&site=" + site);
    browser.driver.findElement(By.id("select-all")).click();
    List<WebElement> boxes = browser.driver.findElements(By.cssSelector("#queue input[name=ids]"));
    assertEquals(3, boxes.size());
    assertTrue(boxes.stream().allMatch(WebElement::isSelected), "every box ticked");
    browser.driver.findElement(By.id("bulk-spam")).click();
    browser.wait.until(ExpectedConditions.textToBe(By.id("flash"), "3 items marked spam"));
    for (long id : new long[] {match, other, third}) {
      QueueFixture.asModerator()
          .get("/moderation/items/{id}", id)
          .then()
          .body("verdict", org.hamcrest.Matchers.equalTo("spam"));
    }
  }

  @Test
  void anAdminPreviewsAPolicyBeforeSavingIt() throws Exception {
    QueueFixture.awaitModel();
    String before = QueueFixture.asAdmin().get("/admin/policy").then().extract().asString();
    try {
      browser.logIn("admin", QueueFixture.ADMIN_PASSWORD);
      browser.open("admin");
      WebElement review = browser.driver.findElement(By.id("policy-review"));
      WebElement block = browser.driver.findElement(By.id("policy-block"));
      review.clear();
      review.sendKeys("0.4");
      block.clear();
      block.sendKeys("0.97");
      browser.driver.findElement(By.id("policy-preview")).click();

      // Then the shares each threshold would block or send to review are shown, nothing saved
      browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
      browser.resize(1280, 1850);
      browser.screenshot("admin");
      String hamBlocked = browser.driver.findElement(By.id("preview-ham-blocked")).getText();
      String spamBlocked = browser.driver.findElement(By.id("preview-spam-blocked")).getText();
      assertTrue(hamBlocked.matches("<?\\d+\\.\\d%"), hamBlocked);
      assertTrue(spamBlocked.matches("<?\\d+\\.\\d%"), spamBlocked);
      QueueFixture.asAdmin()
          .get("/admin/policy")
          .then()
          .body("block", org.hamcrest.Matchers.not(org.hamcrest.Matchers.equalTo(0.97f)));

      // When the admin saves the previewed thresholds, they are in force
      browser.driver.findElement(By.id("policy-save")).click();
      browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
      QueueFixture.asAdmin()
          .get("/admin/policy")
          .then()
          .body("review", org.hamcrest.Matchers.equalTo(0.4f))
          .body("block", org.hamcrest.Matchers.equalTo(0.97f));
    } finally {
      QueueFixture.asAdmin()
          .contentType(ContentType.JSON)
          .body(before.replaceAll(",?\"targetFalsePositiveRate\":[^,}]*", ""))
          .put("/admin/policy")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void aWrongPasswordShowsTheLoginFormWithItsError() {
    browser.open("login");
    browser.driver.findElement(By.id("username")).sendKeys("nobody-" + UUID.randomUUID());
    browser.driver.findElement(By.id("password")).sendKeys("not the password");
    browser.driver.findElement(By.id("login")).click();
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
    assertEquals(
        "Wrong user name or password.", browser.driver.findElement(By.id("login-error")).getText());
    assertFalse(browser.driver.findElements(By.id("username")).isEmpty(), "the form is shown");
  }

  @Test
  void atPhoneWidthNoPageScrollsSideways() throws Exception {
    String site = uniqueSite();
    seedRealisticQueue(site);
    browser.logIn("moderator", QueueFixture.MODERATOR_PASSWORD);
    browser.open("moderation?status=pending&q=" + site);
    browser.script("sessionStorage.clear()");
    browser.resize(1280, 1300);
    browser.open("moderation?status=pending&q=" + site);
    browser.screenshot("queue");
    queue(
        site,
        "review",
        "https://very-long-domain-name-that-does-not-break.example/"
            + "a".repeat(120)
            + " and a long word "
            + "x".repeat(80));

    browser.resize(375, 812);
    assertEquals(375L, ((Number) browser.script("return window.innerWidth;")).longValue());
    for (String page : List.of("moderation?status=pending&site=" + site, "", "login")) {
      browser.open(page);
      assertNoSidewaysScroll(page);
    }
    browser.open("moderation?status=pending&q=" + site);
    browser.screenshot("queue-phone");

    browser.logIn("admin", QueueFixture.ADMIN_PASSWORD);
    browser.open("admin");
    assertNoSidewaysScroll("admin");
  }

  private void assertNoSidewaysScroll(String page) {
    long scrollWidth =
        ((Number) browser.script("return document.documentElement.scrollWidth;")).longValue();
    long clientWidth =
        ((Number) browser.script("return document.documentElement.clientWidth;")).longValue();
    assertTrue(
        scrollWidth <= clientWidth,
        "/" + page + " scrolls sideways: " + scrollWidth + " > " + clientWidth);
  }

  private void keys(String keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  /** Comments as a site sees them, for the screenshots; those the model allows are not queued. */
  private static void seedRealisticQueue(String site) {
    QueueFixture.awaitModel();
    List<Map<String, Object>> comments =
        List.of(
            comment(
                "Ch3ap c i a l i s and v1agra, no prescription needed, fast shipping: visit"
                    + " http://bit.ly/pharm-deal",
                "Pharma Deals",
                "deals@pharm.example"),
            comment(
                "Great article! I made $8,500 last month working from home, check my profile to"
                    + " learn how http://earn-fast.example",
                "Jenny",
                "jenny.earns@mail.example"),
            comment(
                "Great article! I made $9,000 last month working from home, check my profile to"
                    + " learn how http://earn-fast.example",
                "Jenny",
                "jenny.earns@mail.example"),
            comment(
                "Subscribe to my channel for free crypto giveaways!!! Send 0.1 BTC and get 1 BTC"
                    + " back",
                "CryptoKing",
                null),
            comment(
                "I disagree with the second point: the council voted on this last year and the"
                    + " minutes are public. See https://council.example/minutes",
                "Martin",
                "martin@mail.example"));
    for (Map<String, Object> body : comments) {
      Map<String, Object> withContext = new java.util.HashMap<>(body);
      withContext.put(
          "context",
          Map.of("site", site, "ip", "198.51.100.23", "permalink", "https://" + site + "/p/1"));
      given()
          .header("X-Api-Key", QueueFixture.API_KEY)
          .contentType(ContentType.JSON)
          .body(withContext)
          .post("/classify")
          .then()
          .statusCode(200);
    }
  }

  private static Map<String, Object> comment(String text, String name, String email) {
    Map<String, Object> author = new java.util.HashMap<>();
    author.put("name", name);
    if (email != null) {
      author.put("email", email);
    }
    return Map.of("content", text, "author", author);
  }
}
