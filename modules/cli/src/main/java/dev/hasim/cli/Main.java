package dev.hasim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hasim}: run, check and validate scenarios. Exit codes: 0 pass, 1 a check failed, 2 bad input or usage. */
@Command(
    name = "hasim",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
        "Simulates telecom redundancy protocols as Pekko actors in virtual time: Oracle DSR's IPFE mated pairs",
        "(ipfe), Cisco WAN Manager peer-to-peer domains (cwm) and redundant Cisco MGC pairs with their",
        "provisioning sync (mgc). Deterministic for a given scenario and seed, with a report of what every node",
        "decided and why (rule IDs, explained in docs/rules.md), invariant checks and convergence times.",
        ""},
    subcommands = {RunCommand.class, CheckCommand.class, ValidateCommand.class, MonitorCommand.class, BenchCommand.class,
        PlayCommand.class,
        ExploreCommand.class,
        WorkerCommand.class, CommandLine.HelpCommand.class},
    footer = {
        "",
        "Exit codes: 0 every expectation held and no invariant was violated; 1 an expectation failed or an",
        "invariant was violated; 2 invalid input or usage.",
        "Example: ./hasim run sim-scenarios/ipfe/mate-link-loss.yaml --seed 7"})
public final class Main implements Runnable {
  public static final int PASS = 0;
  public static final int FAIL = 1;
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** For tests and embedding: the same command line with its own output streams. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    // Logging starts here, once: parallel runs starting it together make SLF4J replay and warn.
    org.slf4j.LoggerFactory.getLogger(Main.class);
    CommandLine cli = new CommandLine(new Main());
    cli.setUsageHelpWidth(110);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("hasim: internal error: " + e);
      if (System.getenv("HASIM_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return FAIL;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hasim 0.1.0-SNAPSHOT (commit 1a2b3c4)}: the project version the build wrote, and the checkout's commit. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hasim " + projectVersion() + " (commit " + commit() + ")"};
    }

    static String projectVersion() {
      java.util.Properties properties = new java.util.Properties();
      try (java.io.InputStream in = Main.class.getResourceAsStream("/hasim-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (java.io.IOException e) {
        return "unknown";
      }
      return properties.getProperty("version", "unknown");
    }

    /** The commit of the checkout the launcher runs from (its -Dhasim.home), or "unknown" outside git. */
    static String commit() {
      String home = System.getProperty("hasim.home", ".");
      try {
        Process git = new ProcessBuilder("git", "-C", home, "rev-parse", "--short", "HEAD")
            .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!git.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || git.exitValue() != 0 || out.isEmpty()) {
          return "unknown";
        }
        return out;
      } catch (java.io.IOException e) {
        return "unknown";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "unknown";
      }
    }
  }
}
