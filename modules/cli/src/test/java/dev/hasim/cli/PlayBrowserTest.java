package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hasim.play.Playground;
import dev.hasim.play.PlayServer;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * hasim play end to end in Debian's headless Chromium: a CWM domain runs live; the test crashes the Primary by
 * clicking it and its crash button, waits until the page shows SP1 as the new Primary, saves the run as a
 * scenario, runs that file with the CLI and finds the trace hash the live run reported. Meanwhile every socket
 * this JVM listens on is bound to the loopback address. Skipped, saying why, without chromium and chromedriver.
 */
class PlayBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path OUT = Path.of("target/browser-test");

  static final String DOMAIN = """
      name: play-cwm
      description: A CWM domain of four, SP1 auto-switchover on; the class crashes the Primary.
      seed: 3
      duration: 300s
      topology:
        cwm:
          - domain: east
            gateways:
              - {host: cwmws1, start: 0s}
              - {host: cwmws2, start: 2s}
              - {host: cwmws3, start: 4s}
              - {host: cwmws4, start: 6s}
            conf: |
              DomainGatewayList cwmws1 cwmws2 cwmws3 cwmws4
              HeartBeatInterval 20
              SP1_AutoSwitchOver ON
              PrimaryRestartInterval 15
      """;

  @Test
  void aClassCrashesThePrimaryLiveSavesTheRunAndTheCliReproducesItsTraceHash(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "play browser test skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
            + "/usr/bin/chromedriver); .ci/run installs them with apt-get");
    Files.createDirectories(OUT);
    Path source = dir.resolve("play-cwm.yaml");
    Files.writeString(source, DOMAIN, StandardCharsets.UTF_8);
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    Scenario scenario = loader.load(source);
    // Port 0: an ephemeral port, so parallel builds never collide.
    // Paused until the page's play button: the browser starts first.
    try (PlayServer server = PlayServer.start(new Playground(loader, scenario, DOMAIN, 3, 20), "127.0.0.1", 0, false)) {
      int port = server.address().getPort();
      List<String> listeners = ownListeners();
      assertTrue(listeners.stream().anyMatch(l -> l.endsWith(":" + port)), "the server listens: " + listeners);
      for (String listener : listeners) {
        assertTrue(listener.startsWith("127.0.0.1:") || listener.startsWith("::ffff:127.0.0.1:")
            || listener.startsWith("::1:"), "listening beyond the loopback: " + listener + " (all: " + listeners + ")");
      }
      System.out.println("hasim play listens on " + listeners);

      ChromeDriver browser = startChromium();
      try {
        JavascriptExecutor js = browser;
        browser.get(server.url());
        browser.findElement(By.cssSelector(".replay-bar button[data-action='play']")).click();
        // Let the domain form: cwmws1 Primary, then crash it with a click on the node and one on "crash".
        await(Duration.ofSeconds(30), () -> "PRIMARY".equals(role(browser, "cwmws1")), "cwmws1 to become Primary");
        await(Duration.ofSeconds(30), () -> ((Number) js.executeScript("return hasimReplay.time()")).longValue() > 30_000,
            "30 s of virtual time");
        browser.findElement(By.cssSelector("svg.topology g.node[data-node='cwmws1']")).click();
        browser.findElement(By.cssSelector(".replay-inject button[data-inject='{crash: cwmws1}']")).click();
        await(Duration.ofSeconds(10), () -> browser.findElement(By.cssSelector(".replay-inject .status")).getText()
            .contains("crash: cwmws1} at"), "the server to confirm the crash");
        String confirmed = browser.findElement(By.cssSelector(".replay-inject .status")).getText();
        await(Duration.ofSeconds(10), () -> "DOWN".equals(role(browser, "cwmws1")), "cwmws1 drawn DOWN");
        // SP1 (cwmws2) takes over after 2.5 heartbeats and PrimaryRestartInterval: about 65 virtual seconds.
        await(Duration.ofSeconds(60), () -> "PRIMARY".equals(role(browser, "cwmws2")), "the switchover to cwmws2");
        Files.write(OUT.resolve("play-switchover.png"), browser.getScreenshotAs(OutputType.BYTES));

        String href = browser.findElement(By.cssSelector(".replay-inject a[data-action='save']")).getAttribute("href");
        HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
        String liveHash = saved.headers().firstValue("X-Hasim-Trace-Sha256").orElseThrow();
        Path file = dir.resolve("saved.yaml");
        Files.writeString(file, saved.body(), StandardCharsets.UTF_8);
        assertTrue(saved.body().contains("crash: cwmws1"), saved.body());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", file.toString(),
            "--out", dir.resolve("reports").toString());
        Matcher hash = Pattern.compile("trace sha256 ([0-9a-f]{64})").matcher(out.toString());
        assertTrue(hash.find(), out + "\n" + err);
        System.out.println("live: " + confirmed + "; saved run's trace sha256 " + liveHash + ", CLI's " + hash.group(1));
        assertEquals(liveHash, hash.group(1), "hasim run on the saved file reproduces the live run's trace");
        assertEquals(Main.PASS, code, "the expectations read from the live state hold in the rerun:\n" + out);
      } finally {
        browser.quit();
      }
    }
  }

  private static String role(ChromeDriver browser, String node) {
    return browser.findElement(By.cssSelector("svg.topology g.node[data-node='" + node + "']")).getAttribute("data-role");
  }

  private static ChromeDriver startChromium() throws Exception {
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1100",
        "--user-data-dir=" + Files.createTempDirectory("hasim-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** Polls the page (live playback runs on the wall clock); fails naming what it waited for. */
  private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertFalse(System.nanoTime() > deadline, "waited " + limit.toSeconds() + " s for " + what);
      Thread.sleep(50);
    }
  }

  /**
   * The TCP sockets this JVM listens on, as address:port: the inodes of its open sockets
   * (/proc/self/fd) matched against the kernel's table of listening sockets (/proc/net/tcp, tcp6), as ss -ltnp would.
   */
  static List<String> ownListeners() throws Exception {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (java.io.IOException gone) {
          // closed meanwhile
        }
      }
    }
    List<String> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
          listeners.add(address(f[1]));
        }
      }
    }
    return listeners;
  }

  /** /proc/net/tcp's hex "0100007F:1F90" (little-endian words) as "127.0.0.1:8080". */
  static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String a = parts[0];
    byte[] bytes = new byte[a.length() / 2];
    for (int word = 0; word < a.length() / 8; word++) {
      for (int b = 0; b < 4; b++) {
        bytes[word * 4 + b] = (byte) Integer.parseInt(a.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2), 16);
      }
    }
    try {
      String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
      if (bytes.length == 16 && text.equals("127.0.0.1")) {
        text = "::ffff:127.0.0.1"; // Java prints an IPv4-mapped address as the IPv4 one
      }
      return text.replace("0:0:0:0:0:0:0:1", "::1").replace("0:0:0:0:0:0:0:0", "::") + ":" + port;
    } catch (java.net.UnknownHostException e) {
      return hex;
    }
  }
}
