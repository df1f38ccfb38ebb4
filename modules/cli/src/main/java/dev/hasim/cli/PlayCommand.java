package dev.hasim.cli;

import dev.hasim.play.Playground;
import dev.hasim.play.PlayServer;
import dev.hasim.scenario.Scenario;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description = {
        "A live classroom playground in the browser: runs the scenario in virtual time, paced to the wall",
        "clock at a chosen speed (x0.1 to x1000), and shows it as the report's replay does: topology,",
        "messages, every node's state, invariants. Pause, step, and inject faults by clicking (cut or heal a",
        "link or one direction, crash, restart or shut down a node, the model's operator actions: signal,",
        "conf, MML ...). \"Save as scenario\" downloads a YAML file with every injected event at its virtual",
        "instant; ./hasim run on it reproduces the live run with the same trace hash.",
        ""},
    footer = {"", "Listens on 127.0.0.1 only unless --bind says otherwise. Stop it with Ctrl-C.",
        "Example: ./hasim play sim-scenarios/cwm/primary-crash-autoswitchover.yaml   (then open the URL it prints)"})
final class PlayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A scenario file: its topology, network and events to start from.")
  Path file;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "TCP port to listen on (default ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
  String bind;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Virtual seconds per wall second at the start, 0.1 to 1000 (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--seed", paramLabel = "N", description = "Root seed; overrides the scenario's.")
  Long seed;

  @Option(names = "--paused", description = "Start paused at 0 s (default: playing).")
  boolean paused;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("hasim play: --port: expected 0 to 65535, found " + port);
      return Main.BAD_INPUT;
    }
    if (!(speed >= 0.1 && speed <= 1000)) {
      err.println("hasim play: --speed: expected 0.1 to 1000, found " + speed);
      return Main.BAD_INPUT;
    }
    ScenarioLoader loader = ScenarioLoader.withInstalledModels();
    Scenario scenario;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      scenario = loader.load(file);
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("hasim play: cannot read " + file + ": " + e.getMessage());
      return Main.BAD_INPUT;
    }
    Playground live = new Playground(loader, scenario, text, seed != null ? seed : scenario.seed(), speed);
    PlayServer server;
    try {
      server = PlayServer.start(live, bind, port, !paused);
    } catch (IllegalStateException e) {
      err.println("hasim play: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    out.println("hasim play: " + scenario.name() + " (seed " + live.seed() + ") live at " + server.url());
    out.println("  open it in a browser; Ctrl-C stops");
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hasim-play-shutdown"));
    server.awaitTermination();
    return Main.PASS;
  }
}
