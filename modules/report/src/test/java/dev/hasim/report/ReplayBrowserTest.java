package dev.hasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hasim.kernel.trace.EventKind;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The replay in report.html, in Debian's headless Chromium: play crosses the Primary's crash and the topology
 * turns the crashed node's colour; "next" steps to the next event; a story line and a lane click move the time;
 * the page requests nothing. A 1,000-node page is driven too and its frame time logged. Frames for the README go
 * to target/browser-test/replay-*.png. Skipped, saying why, without chromium and chromedriver.
 */
class ReplayBrowserTest {
  static final Path OUT = Path.of("target/browser-test");
  static final String DOWN = "#3f3f46";
  static final String PRIMARY = "#2563eb";
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    assumeTrue(Files.isExecutable(BrowserReportTest.CHROMIUM) && Files.isExecutable(BrowserReportTest.CHROMEDRIVER),
        "replay browser test skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
            + "/usr/bin/chromedriver); .ci/run installs them with apt-get");
    Files.createDirectories(OUT);
    browser = startChromium(1400, 1100);
  }

  static ChromeDriver startChromium(int width, int height) throws Exception {
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BrowserReportTest.CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory("hasim-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(BrowserReportTest.CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private void speed(String value) {
    browser.findElement(By.cssSelector(".replay-bar select[data-action='speed'] option[value='" + value + "']")).click();
  }

  /** Polls the page (the browser plays on its own clock); fails with what it waited for. */
  static void await(Duration limit, java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
      }
      Thread.sleep(50);
    }
  }

  private double time() {
    return ((Number) js("return hasimReplay.time()")).doubleValue();
  }

  private String fill(String node) {
    return browser.findElement(By.cssSelector("svg.topology g.node[data-node='" + node + "'] circle")).getAttribute("fill");
  }

  @Test
  void playCrossesThePrimaryCrashAndTheTopologyChangesColourThere() throws Exception {
    RunResult r = ReportFixtures.shipped("cwm/primary-crash-autoswitchover.yaml");
    Path page = ReportWriter.write(r, OUT.resolve("reports")).resolve("report.html").toAbsolutePath();
    browser.get(page.toUri().toString());
    assertEquals(0L, js("return performance.getEntriesByType('resource').length"), "a self-contained page requests nothing");
    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertTrue(errors.isEmpty(), "console errors: " + errors);
    assertEquals(4, browser.findElements(By.cssSelector("svg.topology g.node")).size(), "a shape per node");
    assertEquals(6, browser.findElements(By.cssSelector("svg.topology line.link")).size(), "a domain of 4 is a full mesh");

    // Just before the crash cwmws1 is Primary; play at ×10 across 60 s and it turns DOWN's colour.
    js("hasimReplay.seek(58000)");
    assertEquals(PRIMARY, fill("cwmws1"));
    speed("10");
    browser.findElement(By.cssSelector(".replay-bar button[data-action='play']")).click();
    await(Duration.ofSeconds(20), () -> time() >= 60_500, "playback to pass 60.5 s");
    browser.findElement(By.cssSelector(".replay-bar button[data-action='play']")).click(); // pause
    assertTrue(time() > 60_000, "played past the crash: " + time());
    assertEquals(DOWN, fill("cwmws1"), "cwmws1 is drawn DOWN after the crash at 60 s");
    js("hasimReplay.seek(59999)");
    assertEquals(PRIMARY, fill("cwmws1"), "still Primary one millisecond before");
    js("hasimReplay.seek(60000)");
    assertEquals(DOWN, fill("cwmws1"), "DOWN at the crash instant");
    WebElement caption = browser.findElement(By.cssSelector("#replay .replay-caption"));
    assertTrue(caption.isDisplayed() && caption.getText().contains("dies without a word"),
        "the crash's note: is the caption now: " + caption.getText());
    js("hasimReplay.seek(59000)");
    assertTrue(!caption.isDisplayed(), "no caption before the first note");
    js("hasimReplay.seek(60000)");
    Files.write(OUT.resolve("replay-1-crash.png"), browser.getScreenshotAs(OutputType.BYTES));

    // Next event: the first node decision or change after the crash.
    long next = r.events().stream().filter(e -> e.tMs() > 60_000 && key(e)).mapToLong(TraceEvent::tMs).min().orElseThrow();
    browser.findElement(By.cssSelector(".replay-bar button[data-action='next']")).click();
    assertEquals(next, (long) time(), "next steps to the next event");
    assertTrue(Integer.parseInt(browser.findElement(By.cssSelector(".replay-diff")).getAttribute("data-changes")) > 0,
        "the step's diff lists what changed");

    // A story line: the time jumps there and the line is highlighted.
    long primaryAt = r.events().stream().filter(e -> e.is(EventKind.ROLE) && "cwmws2".equals(e.node())
        && "PRIMARY".equals(e.string("to"))).findFirst().orElseThrow().tMs();
    TraceEvent switchover = r.events().stream()
        .filter(e -> e.is(EventKind.DECISION) && "cwmws2".equals(e.node()) && e.tMs() >= primaryAt).findFirst().orElseThrow();
    WebElement line = browser.findElement(By.cssSelector("ol.story li[data-t-ms='" + switchover.tMs() + "']"));
    js("arguments[0].scrollIntoView({block:'center'})", line);
    line.click();
    assertEquals(switchover.tMs(), (long) time(), "clicking a story line goes to its time");
    assertTrue(line.getAttribute("class").contains("now"), "and highlights it");
    assertEquals("PRIMARY", js("return hasimReplay.nodeState('cwmws2').role"), "by then cwmws2 is Primary");
    assertEquals(PRIMARY, fill("cwmws2"));
    WebElement cursor = browser.findElement(By.cssSelector("svg.swimlanes line.time-cursor"));
    WebElement lanes = browser.findElement(By.cssSelector("svg.swimlanes"));
    double expectedX = Double.parseDouble(lanes.getAttribute("data-plot-left"))
        + switchover.tMs() / Double.parseDouble(lanes.getAttribute("data-duration-ms"))
        * Double.parseDouble(lanes.getAttribute("data-plot-width"));
    assertEquals(expectedX, Double.parseDouble(cursor.getAttribute("x1")), 0.5, "the lanes' cursor is at that time");

    // A click on a lane moves the time to where it was clicked.
    js("arguments[0].scrollIntoView({block:'center'})", lanes);
    new org.openqa.selenium.interactions.Actions(browser)
        .moveToElement(lanes, (int) (expectedX + 100 - lanes.getSize().getWidth() / 2.0), 0).click().perform();
    assertNotEquals(switchover.tMs(), (long) time(), "a lane click moves the time");

    // Frames for the README: before, at and after the switchover.
    WebElement replay = browser.findElement(By.cssSelector(".replay-section"));
    for (long t : new long[] {50_000, 60_000, 90_500, 105_010, 140_000}) {
      js("hasimReplay.seek(arguments[0]); arguments[1].scrollIntoView()", t, replay);
      Files.write(OUT.resolve("replay-frame-" + t + ".png"), replay.getScreenshotAs(OutputType.BYTES));
    }
  }

  private static boolean key(TraceEvent e) {
    return Set.of("fault", "role", "state", "priority", "alarm_raised", "alarm_cleared", "decision", "warning",
        "node_error", "trap").contains(e.kind());
  }

  @Test
  void aThousandNodePageStaysResponsive() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        name: replay-1k
        duration: 120s
        topology:
          ipfe:
            - dsr: site
              count: 500
              servers: [IPFE-A1, IPFE-A2]
        events:
        """);
    for (int i = 1; i <= 10; i++) {
      String pair = String.format("[site-%03d/IPFE-A1, site-%03d/IPFE-A2]", i * 40, i * 40);
      yaml.append("  - {at: ").append(i * 10).append("s, cut: ").append(pair).append("}\n");
      yaml.append("  - {at: ").append(i * 10 + 5).append("s, heal: ").append(pair).append("}\n");
    }
    RunResult r = ReportFixtures.inline(yaml.toString());
    Path page = ReportWriter.write(r, OUT.resolve("reports")).resolve("report.html").toAbsolutePath();
    long started = System.nanoTime();
    browser.get(page.toUri().toString());
    long loadMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(1000, browser.findElements(By.cssSelector("svg.topology g.node")).size());
    js("hasimReplay.seek(9000)");
    speed("5");
    browser.findElement(By.cssSelector(".replay-bar button[data-action='play']")).click();
    await(Duration.ofSeconds(30), () -> time() >= 16_000, "playback to pass 16 s");
    browser.findElement(By.cssSelector(".replay-bar button[data-action='play']")).click();
    @SuppressWarnings("unchecked")
    Map<String, Object> stats = (Map<String, Object>) js("return hasimReplay.frameStats()");
    System.out.printf("replay of 1,000 nodes: page %d KiB, loaded in %d ms; %s frames drawn, mean %.2f ms, "
            + "p95 %.2f ms, max %.2f ms%n", Files.size(page) / 1024, loadMs, stats.get("frames"),
        ((Number) stats.get("meanMs")).doubleValue(), ((Number) stats.get("p95Ms")).doubleValue(),
        ((Number) stats.get("maxMs")).doubleValue());
    assertTrue(((Number) stats.get("frames")).intValue() > 10, "frames were drawn while playing: " + stats);
    int drawn = Integer.parseInt(browser.findElement(By.cssSelector("svg.topology")).getAttribute("data-messages-drawn"));
    assertTrue(drawn <= 120, "drawing is thinned: " + drawn + " messages drawn");
    Files.write(OUT.resolve("replay-1k.png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
