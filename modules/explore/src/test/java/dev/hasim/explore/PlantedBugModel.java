package dev.hasim.explore;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.Exploration;
import dev.hasim.scenario.spi.ModelPlugin;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.Property;
import dev.hasim.scenario.yaml.YNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A tiny model with a planted bug, for testing explore: "watchers" heartbeat each other every second and go
 * LOST after 2.5 s of silence, NORMAL again on the next heartbeat, except that a watcher that stayed LOST for
 * more than 5 s never comes back (the bug). Its liveness property, {@code all-normal}, must catch it.
 */
public final class PlantedBugModel implements ModelPlugin {
  static final String ALL_NORMAL = "all-normal";

  @Override
  public String name() {
    return "watchers";
  }

  @Override
  public String summary() {
    return "a test model with a planted liveness bug";
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    List<String> names = section.strings("watchers");
    List<NodeSpec> nodes = new ArrayList<>();
    for (String name : names) {
      List<String> peers = names.stream().filter(n -> !n.equals(name)).toList();
      nodes.add(new NodeSpec(name, "watcher", env -> Watcher.create(env, peers), Stop.INSTANCE, 0L));
    }
    return new ModelTopology() {
      public String model() {
        return "watchers";
      }

      public List<NodeSpec> nodes() {
        return nodes;
      }

      public List<Invariant> invariants(long worstDelayMs) {
        return List.of();
      }

      public long detectionPeriodMs() {
        return 2_500;
      }

      public Exploration exploration() {
        Property allNormal = new Property() {
          public String name() {
            return ALL_NORMAL;
          }

          public String rule() {
            return "W-2";
          }

          public Phase phase() {
            return Phase.LIVENESS;
          }

          public String statement() {
            return "once every fault is over, every running watcher is NORMAL";
          }

          public List<String> check(WorldState world, RunFacts run) {
            List<String> problems = new ArrayList<>();
            for (String n : names) {
              if (world.up(n) && !"NORMAL".equals(world.node(n).state())) {
                problems.add(n + " is " + world.node(n).state());
              }
            }
            return problems;
          }
        };
        return new Exploration(Map.of("heartbeat", 1_000L, "silence", 2_500L, "sticky", 5_000L), 10_000,
            "4 x the silence timeout", List.of(allNormal), List.of(), List.of("W-1", "W-2", "W-3"));
      }
    };
  }

  enum Stop { INSTANCE }

  private static final class Watcher {
    private final NodeEnv env;
    private final List<String> peers;
    private final TimerScheduler<Object> timers;
    private long lostSinceMs = -1;
    private boolean stuck;

    static Behavior<Object> create(NodeEnv env, List<String> peers) {
      return Behaviors.setup(ctx -> new Watcher(env, peers, env.timers(ctx)).behavior());
    }

    private Watcher(NodeEnv env, List<String> peers, TimerScheduler<Object> timers) {
      this.env = env;
      this.peers = peers;
      this.timers = timers;
      env.trace().role("UP", "W-1");
      env.trace().state("NORMAL", "W-1");
      timers.startTimerAtFixedRate("beat", "beat", Duration.ofSeconds(1));
      timers.startSingleTimer("silent", "silent", Duration.ofMillis(2_500));
    }

    private Behavior<Object> behavior() {
      return Behaviors.receive(Object.class)
          .onMessageEquals("beat", () -> {
            peers.forEach(p -> env.send(p, "heartbeat"));
            return Behaviors.same();
          })
          .onMessageEquals("heartbeat", () -> {
            timers.startSingleTimer("silent", "silent", Duration.ofMillis(2_500));
            if (lostSinceMs >= 0 && !stuck) {
              if (env.nowMs() - lostSinceMs > 5_000) {
                stuck = true; // the planted bug: a long loss is never recovered from
                env.trace().decision("W-3", "lost for more than 5 s: staying LOST");
              } else {
                lostSinceMs = -1;
                env.trace().decision("W-2", "heartbeat again");
                env.trace().state("NORMAL", "W-2");
              }
            }
            return Behaviors.same();
          })
          .onMessageEquals("silent", () -> {
            if (lostSinceMs < 0) {
              lostSinceMs = env.nowMs();
              env.trace().decision("W-2", "no heartbeat for 2.5 s");
              env.trace().state("LOST", "W-2");
            }
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .build();
    }
  }
}
