package dev.hasim.report.html;

import dev.hasim.kernel.node.NodeDirectory;
import dev.hasim.scenario.spi.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colours for roles and states, shared by every drawing and the legend. The models' words and colours come
 * from their vocabularies; the palette adds only the kernel's own STARTING and DOWN.
 */
final class Palette {
  static final String STARTING_COLOUR = "#a3a3a3";
  static final String DOWN_COLOUR = "#3f3f46";
  static final String OTHER = "#64748b";
  static final String FAULT = "#dc2626";
  static final String CLEARED = "#16a34a";

  private static final String[] HOSTS = {"#2563eb", "#9333ea", "#db2777", "#ea580c", "#0891b2", "#65a30d",
      "#b45309", "#4f46e5", "#be123c", "#0f766e"};

  private final Map<String, String> byLabel = new LinkedHashMap<>();
  private final Vocabulary vocabulary;
  /** The legend's order: the models' roles, STARTING, their abnormal states, DOWN. */
  private final List<String> order = new ArrayList<>();

  Palette(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    byLabel.putAll(vocabulary.roles());
    byLabel.put(NodeDirectory.STARTING, STARTING_COLOUR);
    vocabulary.abnormal().forEach(byLabel::putIfAbsent);
    byLabel.put(NodeDirectory.DOWN, DOWN_COLOUR);
    order.addAll(byLabel.keySet());
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  List<String> order() {
    return order;
  }

  String of(String label) {
    return byLabel.getOrDefault(label, OTHER);
  }

  /** Abnormal states win over the role when a bar is coloured. */
  boolean abnormal(String state) {
    return state != null && vocabulary.abnormal().containsKey(state);
  }

  /** A stable colour per host name, for beliefs ("who follows whom"). */
  static String ofHost(String host, List<String> hosts) {
    int index = hosts.indexOf(host);
    return index < 0 ? OTHER : ofIndex(index);
  }

  /** The colour of the host at {@code index} of the list (ofHost without the search: 10,000 nodes, one pass). */
  static String ofIndex(int index) {
    return HOSTS[index % HOSTS.length];
  }
}
