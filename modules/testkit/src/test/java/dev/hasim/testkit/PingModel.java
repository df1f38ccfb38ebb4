package dev.hasim.testkit;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.spi.ModelPlugin;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A toy model for the kit's own tests (the real models depend on the kit for their tests, so they cannot be
 * its test dependencies): every node pings every other once a period, names whom it heard last, and raises
 * alarm 1 after three silent periods from a peer. Priority is the node's place in the list.
 */
public final class PingModel implements ModelPlugin {
  /** A ping; also what a fake peer sends and receives. */
  public record Ping(String from, long seq) {}

  private enum Tick { INSTANCE }

  private enum Stop { INSTANCE }

  @Override
  public String name() {
    return "ping";
  }

  @Override
  public String summary() {
    return "nodes that ping each other (kit tests)";
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    YMap m = section.map("ping").allowOnly(Set.of("nodes", "period"));
    List<String> names = m.require("nodes", "names").strings("nodes");
    long periodMs = m.has("period") ? m.get("period").durationMs("period") : 1000;
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      int priority = i + 1;
      List<String> peers = names.stream().filter(n -> !n.equals(names.get(priority - 1))).toList();
      nodes.add(new NodeSpec(names.get(i), "ping", env -> node(env, peers, priority, periodMs), Stop.INSTANCE,
          (long) i * 100));
    }
    return new ModelTopology() {
      public String model() {
        return "ping";
      }

      public List<NodeSpec> nodes() {
        return nodes;
      }

      public List<Invariant> invariants(long worstDelayMs) {
        return List.of(new Invariant() {
          public String name() {
            return "ping-priorities-unique";
          }

          public long graceMs() {
            return 0;
          }

          public void check(dev.hasim.kernel.check.WorldState world, Breaches breaches) {
            Set<Integer> seen = new java.util.HashSet<>();
            for (var node : world.nodes()) {
              if (node.up() && node.priority() != null && !seen.add(node.priority())) {
                breaches.breach(node.name(), "priority " + node.priority() + " held twice");
              }
            }
          }
        });
      }

      public long detectionPeriodMs() {
        return 3 * periodMs;
      }
    };
  }

  private static Behavior<Object> node(NodeEnv env, List<String> peers, int priority, long periodMs) {
    return Behaviors.setup(ctx -> {
      TimerScheduler<Object> timers = env.timers(ctx);
      env.trace().role("RUNNING", "PING-1");
      env.trace().priority(priority, "PING-1");
      java.util.Map<String, Long> lastHeard = new java.util.TreeMap<>();
      peers.forEach(p -> lastHeard.put(p, env.nowMs()));
      long[] seq = {0};
      timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofMillis(periodMs));
      return Behaviors.receive(Object.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            seq[0]++;
            peers.forEach(p -> env.send(p, new Ping(env.self(), seq[0])));
            boolean silent = lastHeard.values().stream().anyMatch(t -> env.nowMs() - t > 3 * periodMs);
            if (silent && !env.trace().alarmActive(1)) {
              env.trace().decision("PING-2", "a peer silent for three periods");
              env.trace().alarmRaised(1, "PING-2");
            } else if (!silent && env.trace().alarmActive(1)) {
              env.trace().alarmCleared(1, "PING-2");
            }
            return Behaviors.same();
          })
          .onMessage(Ping.class, ping -> {
            lastHeard.put(ping.from(), env.nowMs());
            env.trace().view("last_heard", ping.from());
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .build();
    });
  }
}
