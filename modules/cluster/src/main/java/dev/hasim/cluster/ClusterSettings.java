package dev.hasim.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The cluster actor system's configuration: the command line's address and role over {@code -D} system
 * properties over hasim-cluster.conf over Pekko's reference. Loaded only for the cluster's own actor system;
 * a simulation's actor system never sees it.
 */
record ClusterSettings(Config config, Duration soloAfter, Duration joinTimeout, Duration resultAckTimeout,
    int resultAttempts, int resultChunkBytes, int maxJobBytes) {
  static final String SYSTEM_NAME = "hasim-cluster";
  static final String COORDINATOR_ROLE = "coordinator";
  static final String WORKER_ROLE = "worker";

  static ClusterSettings load(Endpoint self, String role) {
    return load(self, role, ConfigFactory.empty());
  }

  /** @param overrides over everything but the address and role (tests: shorter timeouts) */
  static ClusterSettings load(Endpoint self, String role, Config overrides) {
    // Logging starts before the actor system's threads log at once, so SLF4J does not replay and warn.
    org.slf4j.LoggerFactory.getLogger(ClusterSettings.class);
    Config commandLine = ConfigFactory.parseMap(Map.of(
        "pekko.remote.artery.canonical.hostname", self.host().replace("[", "").replace("]", ""),
        "pekko.remote.artery.canonical.port", self.port(),
        "pekko.cluster.roles", List.of(role)));
    Config config = commandLine
        .withFallback(overrides)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.parseResources(ClusterSettings.class.getClassLoader(), "hasim-cluster.conf"))
        .withFallback(ConfigFactory.defaultReference(ClusterSettings.class.getClassLoader()))
        .resolve();
    Config own = config.getConfig("hasim.cluster");
    return new ClusterSettings(config, own.getDuration("solo-after"), own.getDuration("join-timeout"),
        own.getDuration("result-ack-timeout"), own.getInt("result-attempts"),
        (int) own.getBytes("result-chunk-size").longValue(), (int) own.getBytes("max-job-size").longValue());
  }
}
