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
        "Simulates telecom redundancy protocols (IPFE mated pairs, CWM peer-to-peer domains) as Pekko",
        "actors in virtual time: deterministic for a given scenario and seed, with a report of what every",
        "node decided and why (rule IDs from BEHAVIOURS.md), invariant checks and convergence times.",
        ""},
    subcommands = {RunCommand.class, CheckCommand.class, ValidateCommand.class, MonitorCommand.class, BenchCommand.class,
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"hasim " + (version == null ? "development build" : version)};
    }
  }
}
