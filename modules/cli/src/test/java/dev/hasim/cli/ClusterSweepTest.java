package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cluster.md's promise, end to end with real JVMs on 127.0.0.1: a 200-seed sweep coordinated by one
 * process and run by two worker processes prints exactly what the local sweep prints and writes the same
 * reports; killed with SIGKILL midway, a worker's unfinished jobs go to the other one and the output is still
 * the local output, so no job was lost or counted twice. Every listening socket of the three JVMs is on
 * 127.0.0.1.
 */
class ClusterSweepTest {
  private static final Path SCENARIO = Path.of("src/test/resources/cluster/sweep.yaml").toAbsolutePath();
  private static final String SEEDS = "1..200";
  private static final Duration LIMIT = Duration.ofSeconds(240);
  private static final Pattern COORDINATOR_AT = Pattern.compile("cluster: coordinator on (\\S+);");
  private static final Pattern WORKER_JOINED = Pattern.compile("worker (\\S+) joined the coordinator");
  private static final Pattern WORKER_RAN = Pattern.compile("this worker ran (\\d+) jobs?");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopWhateverIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aSweepOnTwoWorkerJvmsIsTheLocalSweepEvenWithAWorkerKilledMidway(@TempDir Path dir) throws Exception {
    // Every seed's report (--reports all): the cluster must reproduce each of them, not only the failed ones.
    Node local = start(dir.resolve("local"), "run", SCENARIO.toString(), "--seeds", SEEDS, "--reports", "all",
        "--jobs", "2",
        "--out", "reports");
    int localExit = local.await();
    String localOut = local.out();
    assertEquals(201, localOut.lines().count(), localOut);
    assertTrue(localOut.contains("PASS") && localOut.contains("FAIL"), "the sweep has both verdicts: " + localOut);

    // Two workers, nothing goes wrong; the second joins while the first is already working.
    Node coordinator = coordinator(dir.resolve("cluster"));
    String at = coordinator.awaitErr(COORDINATOR_AT);
    Node first = start(dir.resolve("w1"), "worker", "--join", at, "--jobs", "1");
    Node second = start(dir.resolve("w2"), "worker", "--join", at, "--jobs", "1");
    first.awaitOut(WORKER_JOINED);
    second.awaitOut(WORKER_JOINED);
    assertOnlyLoopbackListeners(coordinator, first, second);
    assertEquals(localExit, coordinator.await(), coordinator.err());
    assertEquals(localOut, coordinator.out(), "stdout of the cluster sweep is the local sweep's");
    assertSameReports(dir.resolve("local/reports"), dir.resolve("cluster/reports"));
    assertEquals(0, first.await(), first.err());
    assertEquals(0, second.await(), second.err());
    int byFirst = Integer.parseInt(first.awaitOut(WORKER_RAN));
    int bySecond = Integer.parseInt(second.awaitOut(WORKER_RAN));
    assertTrue(byFirst > 0 && bySecond > 0, "both workers ran jobs: " + byFirst + ", " + bySecond);
    assertEquals(200, byFirst + bySecond, "every job ran once when no worker died");
    assertTrue(coordinator.err().contains("cluster: 200/200 jobs done"), coordinator.err());

    // SIGKILL one worker midway: its unconfirmed jobs are handed to the other; the output does not change.
    Node again = coordinator(dir.resolve("killed"));
    String at2 = again.awaitErr(COORDINATOR_AT);
    Node survivor = start(dir.resolve("w3"), "worker", "--join", at2, "--jobs", "1");
    Node victim = start(dir.resolve("w4"), "worker", "--join", at2, "--jobs", "1");
    survivor.awaitOut(WORKER_JOINED);
    String victimAddress = victim.awaitOut(WORKER_JOINED);
    again.awaitOutLines(60);
    victim.process.destroyForcibly();
    assertEquals(localExit, again.await(), again.err());
    assertEquals(localOut, again.out(), "stdout after a worker was killed is the local sweep's: no seed lost or twice");
    assertSameReports(dir.resolve("local/reports"), dir.resolve("killed/reports"));
    // Whether the coordinator reports the loss ("is unreachable", "left") before the sweep ends depends on the
    // survivor still having work when the failure detector fires; with reused actor systems (issue 20) 140 runs
    // can finish first. The identical output above is what the kill must not change, so only check that a loss
    // the coordinator did report names the killed worker.
    again.err().lines().filter(l -> l.contains(" left") || l.contains(" is unreachable"))
        .forEach(l -> assertTrue(l.contains(victimAddress), l));
    assertEquals(0, survivor.await(), survivor.err());
    assertTrue(Integer.parseInt(survivor.awaitOut(WORKER_RAN)) > 0, survivor.out());
  }

  /** Explore's schedules run on two worker JVMs: the same explore.json, byte for byte, as a local search. */
  @Test
  void anExploreOnTwoWorkerJvmsWritesTheLocalExploreJson(@TempDir Path dir) throws Exception {
    String template = Path.of("../../sim-scenarios/ipfe/mate-link-loss.yaml").toAbsolutePath().normalize().toString();
    Node local = start(dir.resolve("local"), "explore", template, "--budget", "150", "--jobs", "1", "--out", "ex");
    int localExit = local.await();
    Node coordinator = start(dir.resolve("cluster"), "-Dhasim.cluster.solo-after=180s", "explore", template,
        "--budget", "150", "--jobs", "1", "--out", "ex", "--cluster", "127.0.0.1:0");
    String at = coordinator.awaitErr(COORDINATOR_AT);
    Node first = start(dir.resolve("w1"), "worker", "--join", at, "--jobs", "1");
    Node second = start(dir.resolve("w2"), "worker", "--join", at, "--jobs", "1");
    first.awaitOut(WORKER_JOINED);
    second.awaitOut(WORKER_JOINED);
    assertEquals(localExit, coordinator.await(), coordinator.err());
    assertEquals(Files.readString(dir.resolve("local/ex/explore.json")),
        Files.readString(dir.resolve("cluster/ex/explore.json")), "explore.json on the cluster is the local one");
    assertEquals(0, first.await(), first.err());
    assertEquals(0, second.await(), second.err());
    assertEquals(150, Integer.parseInt(first.awaitOut(WORKER_RAN)) + Integer.parseInt(second.awaitOut(WORKER_RAN)),
        "every schedule ran on a worker, once");
  }

  @Test
  void clusterOptionsAreCheckedBeforeAnythingListens() {
    StringWriter err = new StringWriter();
    PrintWriter errors = new PrintWriter(err, true);
    PrintWriter out = new PrintWriter(new StringWriter(), true);
    assertEquals(Main.BAD_INPUT, Main.execute(out, errors, "run", SCENARIO.toString(), "--cluster", "127.0.0.1:25590"));
    assertEquals(Main.BAD_INPUT, Main.execute(out, errors, "run", SCENARIO.toString(), "--seeds", "1..2", "--cluster",
        "127.0.0.1:99999"));
    assertEquals(Main.BAD_INPUT, Main.execute(out, errors, "worker", "--join", "10.1.2.3:25590"));
    assertEquals(Main.BAD_INPUT, Main.execute(out, errors, "worker", "--join", "127.0.0.1:25590", "--jobs", "0"));
    assertEquals(Main.BAD_INPUT, Main.execute(out, errors, "check", "src/test/resources/cluster", "--cluster",
        "0.0.0.0:25590"));
    assertEquals(List.of(
        "hasim run: --cluster distributes a seed sweep; add --seeds A..B (or use hasim check DIR --cluster)",
        "hasim run: --cluster: port 99999 in \"127.0.0.1:99999\" is not between 0 and 65535",
        "hasim worker: the coordinator 10.1.2.3:25590 is not on this machine; pass --host with this machine's address "
            + "that it can reach (e.g. --host 10.0.0.7)",
        "hasim worker: --jobs must be between 1 and 64 and --port between 0 and 65535",
        "hasim check: --cluster: 0.0.0.0 means every interface, not an address others can reach; give this machine's "
            + "address (e.g. 10.0.0.5), or 127.0.0.1 for this machine only"),
        err.toString().lines().toList());
    StringWriter help = new StringWriter();
    assertEquals(Main.PASS, Main.execute(new PrintWriter(help, true), errors, "worker", "--help"));
    assertTrue(help.toString().contains("Usage: hasim worker") && help.toString().contains("Example"), help.toString());
  }

  /** The coordinator on port 0 (any free port), waiting long enough for workers on a busy machine. */
  private Node coordinator(Path dir) throws IOException {
    return start(dir, "-Dhasim.cluster.solo-after=180s", "run", SCENARIO.toString(), "--seeds", SEEDS, "--reports",
        "all", "--out", "reports", "--cluster", "127.0.0.1:0");
  }

  /** Every run folder has the same files with the same bytes; report.json differs only in its wall time. */
  private static void assertSameReports(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(expected)) {
      files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
    }
    try (Stream<Path> walk = Files.walk(actual)) {
      assertEquals(files, walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList(),
          "the same report files, and no half-written folder");
    }
    assertTrue(files.size() >= 4 * 200, "four files per seed: " + files.size());
    for (Path file : files) {
      String want = Files.readString(expected.resolve(file), StandardCharsets.UTF_8);
      String got = Files.readString(actual.resolve(file), StandardCharsets.UTF_8);
      if (file.getFileName().toString().equals("report.json")) {
        want = want.replaceAll("\"wall_ms\" : \\d+", "");
        got = got.replaceAll("\"wall_ms\" : \\d+", "");
      }
      assertEquals(want, got, file.toString());
    }
  }

  /**
   * Reads the sockets of each JVM from /proc: every listening one must be on 127.0.0.1 (or ::1), and each JVM
   * has at least one (Artery's), so the check cannot pass by finding nothing.
   */
  private static void assertOnlyLoopbackListeners(Node... nodes) throws IOException {
    if (!Files.isReadable(Path.of("/proc/net/tcp"))) {
      return; // not Linux: nothing to read the sockets from
    }
    printSs();
    for (Node node : nodes) {
      Set<String> inodes = new HashSet<>();
      try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(node.process.pid()), "fd"))) {
        for (Path fd : fds.toList()) {
          try {
            Matcher socket = Pattern.compile("socket:\\[(\\d+)]").matcher(Files.readSymbolicLink(fd).toString());
            if (socket.matches()) {
              inodes.add(socket.group(1));
            }
          } catch (IOException closedMeanwhile) {
            // a descriptor closed while we listed them
          }
        }
      }
      List<String> listening = new ArrayList<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
          String[] column = line.trim().split("\\s+");
          if (column[3].equals("0A") && inodes.contains(column[9])) { // 0A: LISTEN
            listening.add(column[1]);
          }
        }
      }
      assertFalse(listening.isEmpty(), "pid " + node.process.pid() + " listens somewhere");
      for (String address : listening) {
        String host = address.substring(0, address.indexOf(':'));
        assertTrue(host.equals("0100007F") || host.equals("0000000000000000FFFF00000100007F")
            || host.equals("00000000000000000000000001000000"),
            "pid " + node.process.pid() + " listens on " + address + " (hex address:port), not on 127.0.0.1");
      }
      System.out.println("pid " + node.process.pid() + " listens on (hex) " + listening);
    }
  }

  /** For the test log, as a person would check it. */
  private static void printSs() {
    try {
      Process ss = new ProcessBuilder("ss", "-ltn").redirectErrorStream(true).start();
      String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0) {
        System.out.println("ss -ltn while the cluster runs:\n" + text);
      }
    } catch (IOException | InterruptedException e) {
      System.out.println("ss -ltn not available: " + e.getMessage());
    }
  }

  private Node start(Path dir, String... args) throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath()));
    int i = 0;
    while (i < args.length && args[i].startsWith("-D")) {
      command.add(args[i++]);
    }
    command.add(Main.class.getName());
    command.addAll(List.of(args).subList(i, args.length));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
    started.add(process);
    return new Node(process, dir);
  }

  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  /** A child JVM: its output goes to files, read as it grows. */
  private record Node(Process process, Path dir) {
    String out() throws IOException {
      return Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
    }

    String err() throws IOException {
      return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    }

    int await() throws Exception {
      if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        fail("no exit within " + LIMIT.toSeconds() + " s\nstdout:\n" + out() + "\nstderr:\n" + err());
      }
      return process.exitValue();
    }

    String awaitErr(Pattern pattern) throws Exception {
      return await(pattern, true);
    }

    String awaitOut(Pattern pattern) throws Exception {
      return await(pattern, false);
    }

    void awaitOutLines(long lines) throws Exception {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (out().lines().count() < lines) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          fail("fewer than " + lines + " lines\nstdout:\n" + out() + "\nstderr:\n" + err());
        }
        TimeUnit.MILLISECONDS.sleep(100); // polling a child process's output file, not simulated time
      }
    }

    private String await(Pattern pattern, boolean stderr) throws Exception {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (true) {
        Matcher m = pattern.matcher(stderr ? err() : out());
        if (m.find()) {
          return m.group(1);
        }
        if (System.nanoTime() > deadline || !process.isAlive() && !pattern.matcher(stderr ? err() : out()).find()) {
          fail("no " + pattern + " (exit " + (process.isAlive() ? "-" : process.exitValue()) + ")\nstdout:\n" + out()
              + "\nstderr:\n" + err());
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }
}
