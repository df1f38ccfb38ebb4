package dev.hasim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The peer: the same workload in SimPy 3, run by Debian's python3 with python3-simpy3. */
final class SimPyReference {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final long TIMEOUT_MINUTES = 20;

  record Result(List<Detection> detections, long delivered, long events, double wallS, long peakRssBytes) {}

  private SimPyReference() {}

  /** Why SimPy cannot run here, or null when it can. */
  static String unavailable() {
    if (!Files.isExecutable(PYTHON)) {
      return "no " + PYTHON + " (apt-get install python3 python3-simpy3)";
    }
    try {
      Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import simpy, sys; sys.exit(0 if "
          + "simpy.__version__.startswith('3') else 3)").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      int code = probe.waitFor();
      return code == 0 ? null : code == 3 ? "SimPy is not version 3" : "SimPy 3 is not installed "
          + "(apt-get install python3-simpy3)";
    } catch (IOException | InterruptedException e) {
      return "cannot start python3: " + e.getMessage();
    }
  }

  static Result run(HeartbeatWorkload w) throws IOException, InterruptedException {
    Path script = Files.createTempFile("hasim-simpy-", ".py");
    try (InputStream source = SimPyReference.class.getResourceAsStream("simpy_ipfe.py")) {
      Files.write(script, source.readAllBytes());
    }
    try {
      Process process = new ProcessBuilder(PYTHON.toString(), script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process.getOutputStream().write(w.toJson().getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("the SimPy run of " + w.name() + " failed: " + new String(output, StandardCharsets.UTF_8));
      }
      JsonNode json = new ObjectMapper().readTree(output);
      List<Detection> detections = new ArrayList<>();
      for (JsonNode d : json.get("detections")) {
        detections.add(new Detection(d.get(0).asLong(), w.nodes().get(d.get(1).asInt()), d.get(2).asInt() == 1));
      }
      return new Result(detections, json.get("delivered").asLong(), json.get("events").asLong(),
          json.get("wall_s").asDouble(), json.get("peak_rss_bytes").asLong());
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
