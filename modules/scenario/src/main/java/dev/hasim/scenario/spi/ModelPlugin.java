package dev.hasim.scenario.spi;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.yaml.YNode;

/**
 * How a protocol model joins hasim: it reads its own section under {@code topology:} and returns the nodes,
 * invariants, actions and expectations of that topology. Found with {@link java.util.ServiceLoader}; the
 * kernel and the scenario module know no model by name.
 */
public interface ModelPlugin {
  /** The key under {@code topology:} this model reads, e.g. {@code ipfe}, {@code cwm}, {@code mgc}. */
  String name();

  /** One line for {@code --help} and error messages. */
  String summary();

  ModelTopology readTopology(YNode section) throws ScenarioException;
}
