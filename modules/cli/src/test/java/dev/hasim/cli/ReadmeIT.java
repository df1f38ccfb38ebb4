package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README, run: every command in its code blocks, through the real launcher, with its exit code checked.
 * It runs in {@code mvn verify} after {@code package} (maven-failsafe-plugin), so the launcher finds the jar
 * just built and never builds again.
 *
 * <p>The rules, for whoever adds a README line:
 * <ol>
 *   <li>Every fenced block of README.md is checked; a block of another kind than below fails this test until the
 *       test learns how to check it.
 *   <li>{@code ```sh}: every non-blank line is a command, run with {@code bash -c} in README order (a later
 *       line may read what an earlier one wrote, e.g. a report). The text after {@code "  # "} is a comment. The
 *       command must exit 0, unless its comment says {@code (exits N)}: then exactly N.
 *   <li>{@code ```console}: a line {@code $ command} is run as above; the lines after it are the output it
 *       shows, and the real output must match them line for line (only {@code N.NN s wall} may differ).
 *   <li>{@code ```text}: sample output shown for its shape, nothing in it is run; so that no command hides
 *       there, a line starting with {@code $ } is refused.
 *   <li>{@code ```yaml}: a scenario shown in full; it must be, byte for byte, the shipped file under
 *       sim-scenarios/ with the same {@code name:}.
 *   <li>Commands run in a scratch folder that links to the project's launcher, modules, docs and scenarios, so
 *       their reports land in target/readme/ and never touch the project's reports/.
 *   <li>Nothing is skipped but {@link #SKIPPED}, each with its reason. A command must end by itself within
 *       {@link #TIMEOUT_S} seconds: a server or an interactive command needs a bounding option (or a place
 *       in {@link #SKIPPED}, with the test that covers it instead).
 *   <li>Placeholders ({@code my-scenario.yaml}) are not allowed: a README command is one a reader can paste.
 * </ol>
 * The whole README takes about two minutes on two cores; the costly lines are the wall-clock run (20 s), the
 * 1,000-node hour and {@code hasim check}.
 */
class ReadmeIT {
  static final Path PROJECT = Path.of("../..").toAbsolutePath().normalize();
  static final long TIMEOUT_S = 300;

  /** Commands not run, with why; everything else in README's code blocks is. */
  static final Map<String, String> SKIPPED = Map.of(
      "mvn -B verify", "this test runs inside it: running it again would recurse",
      "mvn -B install -DskipTests", "it writes hasim's jars into the shared local Maven repository (~/.m2), which a "
          + "test must not do; .ci/run runs it, then builds examples/priority-tests against the installed jars",
      "./hasim play sim-scenarios/cwm/primary-crash-autoswitchover.yaml", "a web server that runs until Ctrl-C; "
          + "PlayBrowserTest starts the same server, crashes the Primary by clicking and reruns the saved file");

  private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```\\n", Pattern.DOTALL);
  private static final Pattern EXITS = Pattern.compile("\\(exits (\\d)\\)");

  record Command(String line, String comment, List<String> shownOutput) {
    int expectedExit() {
      Matcher m = EXITS.matcher(comment);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
  }

  @TestFactory
  List<DynamicTest> everyReadmeBlockIsTrue() throws IOException {
    String readme = Files.readString(PROJECT.resolve("README.md"));
    Path scratch = scratchProject();
    List<DynamicTest> tests = new ArrayList<>();
    Matcher block = FENCE.matcher(readme);
    int number = 0;
    while (block.find()) {
      String kind = block.group(1);
      String body = block.group(2);
      switch (kind) {
        case "sh" -> {
          for (String raw : body.split("\n")) {
            if (!raw.isBlank()) {
              Command c = command(raw, List.of());
              tests.add(test(++number, c, scratch));
            }
          }
        }
        case "console" -> {
          List<String> lines = List.of(body.split("\n"));
          for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("$ ")) {
              List<String> shown = new ArrayList<>();
              for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("$ "); j++) {
                shown.add(lines.get(j));
              }
              tests.add(test(++number, command(lines.get(i).substring(2), shown), scratch));
            }
          }
        }
        case "yaml" -> tests.add(DynamicTest.dynamicTest("yaml block is a shipped scenario", () -> sameAsShipped(body)));
        case "text" -> tests.add(DynamicTest.dynamicTest("text block runs nothing", () -> assertFalse(
            body.lines().anyMatch(l -> l.startsWith("$ ")), "a ```text block shows output only; put the command in a "
                + "```sh or ```console block:\n" + body)));
        default -> tests.add(DynamicTest.dynamicTest("block ```" + kind, () -> fail("README has a ```" + kind
            + " block; ReadmeIT checks sh, console, text and yaml blocks only: teach it this kind, or use one of those")));
      }
    }
    assertTrue(number > 10, "README's commands were found: " + number);
    return tests;
  }

  private static Command command(String raw, List<String> shown) {
    int hash = raw.indexOf("  # ");
    String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
    String comment = hash < 0 ? "" : raw.substring(hash + 4).strip();
    return new Command(line, comment, shown);
  }

  private static DynamicTest test(int number, Command c, Path scratch) {
    String name = String.format("%02d %s", number, c.line());
    return DynamicTest.dynamicTest(name, () -> {
      if (SKIPPED.containsKey(c.line())) {
        System.out.println("README: skipped '" + c.line() + "': " + SKIPPED.get(c.line()));
        return;
      }
      assertTrue(!c.line().contains("my-") && !c.line().contains("<"), "a README command is pasteable, without "
          + "placeholders: " + c.line());
      Path log = scratch.resolve(String.format("command-%02d.log", number));
      Process process = new ProcessBuilder("bash", "-c", c.line()).directory(scratch.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("'" + c.line() + "' still running after " + TIMEOUT_S + " s: a README command must end by itself");
      }
      String output = Files.readString(log);
      assertEquals(c.expectedExit(), process.exitValue(), "exit code of '" + c.line() + "' (the comment '"
          + c.comment() + "' sets the expected one); its output, in " + log + ":\n" + tail(output));
      if (!c.shownOutput().isEmpty()) {
        matchesShown(c, output.lines().filter(l -> !l.startsWith("hasim: building")).toList());
      }
    });
  }

  /** The output a console block shows is the real one, but for the wall time. */
  private static void matchesShown(Command c, List<String> actual) {
    List<String> shown = c.shownOutput();
    assertEquals(shown.size(), actual.size(), "README shows " + shown.size() + " lines of '" + c.line()
        + "', it prints " + actual.size() + ":\n" + String.join("\n", actual));
    for (int i = 0; i < shown.size(); i++) {
      String pattern = Pattern.quote(shown.get(i)).replaceAll("\\d+\\.\\d\\d s wall", "\\\\E\\\\d+\\\\.\\\\d\\\\d s wall\\\\Q");
      assertTrue(actual.get(i).matches(pattern), "README line " + (i + 1) + " of the output of '" + c.line()
          + "':\n  shown:   " + shown.get(i) + "\n  printed: " + actual.get(i));
    }
  }

  private static void sameAsShipped(String body) throws IOException {
    Matcher name = Pattern.compile("(?m)^name: (\\S+)$").matcher(body);
    assertTrue(name.find(), "a README yaml block is a scenario with a name:\n" + body);
    try (Stream<Path> files = Files.walk(PROJECT.resolve("sim-scenarios"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        String text = Files.readString(file);
        if (text.contains("\nname: " + name.group(1) + "\n") || text.startsWith("name: " + name.group(1) + "\n")) {
          assertEquals(text, body, "README shows " + PROJECT.relativize(file) + " as it is");
          return;
        }
      }
    }
    fail("README shows a scenario '" + name.group(1) + "' that is not under sim-scenarios/");
  }

  /** A folder that looks like the project to the launcher, with its own reports/. */
  private static Path scratchProject() throws IOException {
    Path scratch = PROJECT.resolve("modules/cli/target/readme");
    if (Files.exists(scratch)) {
      try (Stream<Path> old = Files.walk(scratch)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(scratch);
    // Links, not copies: the launcher sees the jar just built; find does not follow them, so it never rebuilds.
    for (String entry : List.of("hasim", "pom.xml", "modules", "sim-scenarios", "docs")) {
      Files.createSymbolicLink(scratch.resolve(entry), PROJECT.resolve(entry));
    }
    return scratch;
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
