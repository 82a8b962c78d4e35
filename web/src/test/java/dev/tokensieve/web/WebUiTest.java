package dev.tokensieve.web;

import static dev.tokensieve.web.WebApiTest.A;
import static dev.tokensieve.web.WebApiTest.B;
import static dev.tokensieve.web.WebApiTest.C;
import static dev.tokensieve.web.WebApiTest.file;
import static dev.tokensieve.web.WebApiTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.detect.Detectors;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.store.UploadLimits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in headless Chromium: upload a sample through the page, open its report, see the chart and
 * the findings, open the team view. Screenshots of every page go to {@code target/screenshots}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (override the paths with {@code
 * -Dtokensieve.chromium=} and {@code -Dtokensieve.chromedriver=}); skipped if they are absent.
 */
final class WebUiTest {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("tokensieve.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("tokensieve.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /*
   * Selenium looks for a DevTools (CDP) binding matching the browser and warns when Debian's
   * chromium is newer than any it ships. These tests drive the page through WebDriver only, never
   * DevTools, so that warning is noise in every build's output. Held here: the logging framework
   * keeps loggers only weakly, and a collected one would forget its level.
   */
  private static final Logger CDP_LOOKUP = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
  private static final Logger CDP_BINDING = quiet("org.openqa.selenium.chromium.ChromiumDriver");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  @TempDir static Path dir;
  static TestServer server;
  static ChromeDriverService service;
  static WebDriver driver;

  /** Marks requests 1..3 as a retry loop, so the report always has a finding to show. */
  static final class MarkingDetector implements Detector {
    @Override
    public String id() {
      return "test-marker";
    }

    @Override
    public List<Finding> detect(PricedSession s) {
      if (s.size() < 5) {
        return List.of();
      }
      List<Charge> charges = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        charges.add(new Charge(i, s.request(i).usage().total(), s.cost(i)));
      }
      return List.of(
          new Finding(
              FindingKind.RETRY_LOOP,
              1,
              3,
              SpendLabel.WASTEFUL,
              "ran `bd show spotter-a0y` 3 times with the same result",
              List.of("request 1: bd show spotter-a0y", "request 3: bd show spotter-a0y"),
              charges));
    }
  }

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "UI tests skipped: install Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + ")");
    List<Detector> detectors = new ArrayList<>(Detectors.all());
    detectors.add(new MarkingDetector());
    server =
        new TestServer(
            dir.resolve("data"),
            new SessionAnalyzer(PriceBook.bundled(), detectors),
            UploadLimits.DEFAULT);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1400",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void uploadReportAndTeamView_workInABrowser() throws IOException {
    // other teams' sessions, so that the list and the comparison have something to compare
    assertThat(server.upload(file(B), sample(B), "data-platform", "bob").status()).isEqualTo(201);
    assertThat(server.upload(file(C), sample(C), "growth", "cat").status()).isEqualTo(201);

    driver.get(server.base() + "/#/upload");
    WebElement input =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("file-input")));
    screenshot("1-upload-empty");
    js("arguments[0].style.display = 'block';", input);
    Path trace = Files.write(dir.resolve(file(A)), sample(A));
    input.sendKeys(trace.toAbsolutePath().toString());
    driver.findElement(By.id("upload-team")).sendKeys("platform");
    driver.findElement(By.id("upload-user")).sendKeys("ann");
    driver.findElement(By.id("upload-button")).click();
    WebElement link =
        waiting()
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#uploaded a.session-link")));
    assertThat(link.getText()).isEqualTo(A);
    screenshot("1-upload-done");

    driver.get(server.base() + "/#/sessions");
    waiting().until(d -> d.findElements(By.cssSelector("#sessions-table tbody tr")).size() == 3);
    screenshot("2-sessions");

    driver.findElement(By.cssSelector("#sessions-table tr[data-id='" + A + "'] a")).click();
    WebElement canvas =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("context-chart")));
    JsonNode report = server.get("/api/v1/sessions/" + A).json();
    Object points =
        js(
            "const c = Chart.getChart(arguments[0]); return c ? c.data.datasets[0].data.length : -1;",
            canvas);
    assertThat(((Number) points).intValue()).isEqualTo(report.get("requests").asInt());
    Object painted =
        js(
            "const c = arguments[0]; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
            canvas);
    assertThat(((Number) painted).intValue()).as("painted pixels").isGreaterThan(1000);
    List<WebElement> findings = driver.findElements(By.cssSelector("#findings li.finding"));
    assertThat(findings).hasSize(report.get("findings").size()).isNotEmpty();

    int marker = -1;
    for (int i = 0; i < report.get("findings").size(); i++) {
      if (report.get("findings").get(i).get("summary").asText().startsWith("ran `bd show")) {
        marker = i;
      }
    }
    findings.get(marker).click();
    assertThat(driver.findElements(By.cssSelector("#requests tr.highlight"))).hasSize(3);
    assertThat(findings.get(marker).getDomAttribute("class")).contains("selected");
    js("window.scrollTo(0, 0);");
    screenshot("3-session-report");

    driver.get(server.base() + "/#/compare?by=team");
    WebElement compare =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compare-chart")));
    assertThat(js("return Chart.getChart(arguments[0]) != null;", compare)).isEqualTo(true);
    assertThat(driver.findElements(By.cssSelector("#compare-table tbody tr"))).hasSize(3);
    screenshot("4-compare-team");

    driver.get(server.base() + "/#/compare?by=model");
    waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("a.active[data-by='model']")));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compare-chart")));
    screenshot("5-compare-model");
  }

  @Test
  void demoData_rendersEveryPage() throws IOException {
    // the standard analyzer, not the marking one: these screenshots show what users see
    try (TestServer demo = new TestServer(dir.resolve("demo"))) {
      assertThat(Demo.populate(demo.store, Demo.DEFAULT_SEED, 60)).isGreaterThan(50);

      driver.get(demo.base() + "/#/sessions?sort=cost");
      waiting().until(d -> d.findElements(By.cssSelector("#sessions-table tbody tr")).size() == 50);
      screenshot("7-demo-sessions");

      String dearest =
          demo.get("/api/v1/sessions?sort=cost&label=wasteful&limit=1")
              .json()
              .get("sessions")
              .get(0)
              .get("id")
              .asText();
      driver.get(demo.base() + "/#/session/" + dearest);
      WebElement canvas =
          waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("context-chart")));
      assertThat(js("return Chart.getChart(arguments[0]) != null;", canvas)).isEqualTo(true);
      List<WebElement> findings = driver.findElements(By.cssSelector("#findings li.finding"));
      assertThat(findings).isNotEmpty();
      findings.get(0).click();
      assertThat(driver.findElements(By.cssSelector("#requests tr.highlight"))).isNotEmpty();
      js("window.scrollTo(0, 0);");
      screenshot("8-demo-session-report");

      for (String by : List.of("team", "user", "repo", "model")) {
        driver.get(demo.base() + "/#/compare?by=" + by);
        waiting()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("a.active[data-by='" + by + "']")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compare-chart")));
        screenshot("9-demo-compare-" + by);
      }
    }
  }

  @Test
  void uploadingAFileThatIsNotATrace_showsTheError() throws IOException {
    driver.get(server.base() + "/#/upload");
    WebElement input =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("file-input")));
    js("arguments[0].style.display = 'block';", input);
    Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    input.sendKeys(notes.toAbsolutePath().toString());
    driver.findElement(By.id("upload-button")).click();
    WebElement alert =
        waiting()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#upload-result .alert.error")));
    assertThat(alert.getText())
        .contains("not a trace format TokenSieve can read")
        .contains("notes.txt");
    screenshot("6-upload-refused");
  }
}
