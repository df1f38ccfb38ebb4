package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html in a real browser: Debian's headless Chromium, driven through its chromedriver. The page must
 * load from file:// without requesting anything and without console errors; every node has its lane; fault
 * bands and alarm markers sit where their times say; zoom redraws them. Screenshots go to
 * target/browser-test/. Without chromium and chromedriver the test is skipped, saying why.
 */
class BrowserReportTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path OUT = Path.of("target/browser-test");
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
            + ".ci/run installs them with apt-get");
    Files.createDirectories(OUT);
    // Selenium warns that it has no CDP bindings for this Chromium; the test uses only WebDriver.
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1800", "--user-data-dir=" + Files.createTempDirectory("hasim-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anIpfeReportLoadsAndPlacesFaultsAndAlarmsAtTheirTimes() throws Exception {
    check(ReportFixtures.shipped("ipfe/mate-link-loss.yaml"), "ipfe-mate-link-loss");
  }

  @Test
  void aCwmReportLoadsWithLanesBeliefsAndFaultBands() throws Exception {
    RunResult r = ReportFixtures.shipped("cwm/forced-secondary-two-primaries.yaml");
    check(r, "cwm-forced-secondary-two-primaries");
    assertTrue(!browser.findElements(By.cssSelector("svg.beliefs rect.split")).isEmpty(),
        "two Primaries are marked in the belief matrix");
  }

  private void check(RunResult r, String name) throws Exception {
    Path folder = ReportWriter.write(r, OUT.resolve("reports"));
    Path page = folder.resolve("report.html").toAbsolutePath();
    browser.get(page.toUri().toString());
    JavascriptExecutor js = browser;
    assertEquals("complete", js.executeScript("return document.readyState"));
    assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource').length"),
        "a self-contained page requests nothing");
    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertTrue(errors.isEmpty(), "console errors: " + errors);

    WebElement lanes = browser.findElement(By.cssSelector("svg.swimlanes"));
    for (String node : r.scenario().nodeNames()) {
      assertEquals(1, lanes.findElements(By.cssSelector("g.lane[data-node='" + node + "']")).size(), "lane of " + node);
    }
    assertPlacedAtTheirTimes(lanes, r);
    Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));

    // Zoom doubles the plot: every marker moves to its time on the wider scale.
    browser.findElement(By.cssSelector("button[data-zoom='2']")).click();
    assertPlacedAtTheirTimes(browser.findElement(By.cssSelector("svg.swimlanes")), r);
    browser.findElement(By.cssSelector("button[data-zoom='0.5']")).click();
  }

  /** Each fault band and alarm marker is drawn, in the browser, at left + t / duration × width. */
  private void assertPlacedAtTheirTimes(WebElement svg, RunResult r) {
    double left = Double.parseDouble(svg.getAttribute("data-plot-left"));
    double width = Double.parseDouble(svg.getAttribute("data-plot-width"));
    double duration = Double.parseDouble(svg.getAttribute("data-duration-ms"));
    JavascriptExecutor js = browser;
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) js.executeScript(
        "var b=arguments[0].getBoundingClientRect();return {x:b.x};", svg);
    double svgX = ((Number) box.get("x")).doubleValue();

    long faults = r.events().stream().filter(e -> e.is(EventKind.FAULT)).count();
    List<WebElement> bands = svg.findElements(By.cssSelector("rect.fault-band"));
    assertTrue(bands.size() >= faults, bands.size() + " bands for " + faults + " faults");
    for (WebElement band : bands) {
      double t = Double.parseDouble(band.getAttribute("data-t-ms"));
      assertNear(left + t / duration * width, renderedX(band) - svgX, "fault band at " + t + " ms");
    }
    List<TraceEvent> alarms = r.events().stream()
        .filter(e -> e.is(EventKind.ALARM_RAISED) || e.is(EventKind.ALARM_CLEARED)).toList();
    List<WebElement> markers = svg.findElements(By.cssSelector("circle.alarm-raised, circle.alarm-cleared"));
    assertEquals(alarms.size(), markers.size(), "one marker per alarm event");
    for (int i = 0; i < markers.size(); i++) {
      WebElement marker = markers.get(i);
      assertEquals(String.valueOf(alarms.get(i).tMs()), marker.getAttribute("data-t-ms"));
      double centre = renderedX(marker) + ((Number) js.executeScript(
          "return arguments[0].getBoundingClientRect().width", marker)).doubleValue() / 2;
      assertNear(left + alarms.get(i).tMs() / duration * width, centre - svgX, "alarm marker at " + alarms.get(i).tMs());
    }
  }

  private double renderedX(WebElement element) {
    return ((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].getBoundingClientRect().x",
        element)).doubleValue();
  }

  private static void assertNear(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1.0, what + ": expected x " + expected + ", drawn at " + actual);
  }
}
