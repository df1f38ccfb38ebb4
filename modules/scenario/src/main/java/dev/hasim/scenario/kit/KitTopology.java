package dev.hasim.scenario.kit;

import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.action.Action;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YNode;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every model's topology holds the same way: its name, its vocabulary, its nodes and their groups (a DSR,
 * a domain, a pair), its action and expectation readers. A model adds its invariants and detection period.
 */
public abstract class KitTopology implements ModelTopology {
  private final String model;
  private final Vocabulary vocabulary;
  private final List<NodeSpec> nodes = new ArrayList<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private Set<String> actionKeys = Set.of();
  private ActionReader actions;
  private Set<String> expectationKeys = Set.of();
  private ExpectationReader expectations;

  /** Reads one of the model's actions (see {@link ModelTopology#readAction}). */
  public interface ActionReader {
    Action read(String key, YNode value, NodeNames nodes) throws ScenarioException;
  }

  /** Reads one of the model's expectations (see {@link ModelTopology#readExpectation}). */
  public interface ExpectationReader {
    Expectation read(String key, YNode value, Long atMs, String text, NodeNames nodes) throws ScenarioException;
  }

  protected KitTopology(String model, Vocabulary vocabulary) {
    this.model = model;
    this.vocabulary = vocabulary;
  }

  /** Adds a node to the group {@code group} (drawn together, in order). */
  protected final void add(String group, NodeSpec node) {
    nodes.add(node);
    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(node.name());
  }

  /** The scenario actions this model adds under {@code keys}, read by {@code reader}. */
  protected final void actions(Set<String> keys, ActionReader reader) {
    this.actionKeys = Set.copyOf(keys);
    this.actions = reader;
  }

  /** The expectations this model adds under {@code keys}, read by {@code reader}. */
  protected final void expectations(Set<String> keys, ExpectationReader reader) {
    this.expectationKeys = Set.copyOf(keys);
    this.expectations = reader;
  }

  @Override
  public final Set<String> actionKeys() {
    return actionKeys;
  }

  @Override
  public final Action readAction(String key, YNode value, NodeNames nodes) throws ScenarioException {
    if (actions == null) {
      return ModelTopology.super.readAction(key, value, nodes);
    }
    return actions.read(key, value, nodes);
  }

  @Override
  public final Set<String> expectationKeys() {
    return expectationKeys;
  }

  @Override
  public final Expectation readExpectation(String key, YNode value, Long atMs, String text, NodeNames nodes)
      throws ScenarioException {
    if (expectations == null) {
      return ModelTopology.super.readExpectation(key, value, atMs, text, nodes);
    }
    return expectations.read(key, value, atMs, text, nodes);
  }

  @Override
  public final String model() {
    return model;
  }

  @Override
  public final Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public final List<NodeSpec> nodes() {
    return nodes;
  }

  @Override
  public final Map<String, List<String>> groups() {
    return groups;
  }
}
