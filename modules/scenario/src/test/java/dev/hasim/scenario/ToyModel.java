package dev.hasim.scenario;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.spi.ModelPlugin;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A model with nothing but named nodes, for testing the loader without any real protocol. */
public final class ToyModel implements ModelPlugin {
  public static final ScenarioLoader LOADER = new ScenarioLoader(List.of(new ToyModel()));

  @Override
  public String name() {
    return "toy";
  }

  @Override
  public String summary() {
    return "nodes that do nothing";
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    List<NodeSpec> nodes = new ArrayList<>();
    for (String name : section.map("toy").allowOnly(Set.of("nodes")).require("nodes", "names").strings("nodes")) {
      nodes.add(new NodeSpec(name, "toy", env -> Behaviors.empty(), "stop", 0L));
    }
    return new ModelTopology() {
      public String model() {
        return "toy";
      }

      public List<NodeSpec> nodes() {
        return nodes;
      }

      public List<Invariant> invariants(long worstDelayMs) {
        return List.of(new Invariant() {
          public String name() {
            return "toy-invariant";
          }

          public long graceMs() {
            return 0;
          }

          public void check(dev.hasim.kernel.check.WorldState world, Breaches breaches) {}
        });
      }

      public long detectionPeriodMs() {
        return 100;
      }
    };
  }
}
