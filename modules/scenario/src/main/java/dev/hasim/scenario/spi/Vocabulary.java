package dev.hasim.scenario.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a model writes on the trace, and how the report shows them. The kernel and the report know no
 * model's words: a model declares them here and the report reads them.
 *
 * @param roles the model's roles and their colours, in the legend's order (the kernel's STARTING and DOWN are
 *     not the model's)
 * @param abnormal states (or roles) that mean trouble, with their colours: they win over the role when a
 *     timeline bar is coloured and are named in the bar's label
 * @param attributes the model's own tracked values ({@code NodeRecorder.attribute}), e.g. CWM's priority
 * @param notices the model's own event kinds that are not changes ({@code NodeRecorder.notice}), e.g. traps
 * @param belief "who follows whom", for the belief matrix; null when the model has no such view
 */
public record Vocabulary(
    Map<String, String> roles,
    Map<String, String> abnormal,
    List<Attribute> attributes,
    List<Notice> notices,
    Belief belief) {

  /** A model that declares nothing: its roles are drawn in the report's neutral colour. */
  public static final Vocabulary NONE = new Vocabulary(Map.of(), Map.of(), List.of(), List.of(), null);

  public Vocabulary {
    roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    abnormal = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(abnormal));
    attributes = List.copyOf(attributes);
    notices = List.copyOf(notices);
  }

  /**
   * A tracked value; {@code label} prefixes it on a timeline bar ({@code "S"}: "SECONDARY · S2") and
   * {@code title} names it in tables ("priority").
   */
  public record Attribute(String kind, String label, String title) {}

  /**
   * A notice kind: "{node} {verb} {name}" where {@code name} is the field {@code nameField}, with
   * {@code numberField} in brackets when present, e.g. "sends SNMP trap svDatabaseInSync (28075)".
   */
  public record Notice(String kind, String verb, String nameField, String numberField) {}

  /**
   * Who follows whom: each node's {@code viewKey} view names the node it follows; a node in role
   * {@code leaderRole} follows itself; {@code leaderWord} names the leader in sentences ("Primary"); the
   * attribute {@code rankKind}, when not null, is shown beside the leader's name (a CWM Secondary's priority).
   */
  public record Belief(String viewKey, String leaderRole, String leaderWord, String rankKind) {}

  /** The vocabularies of several models, as one: the first model's words come first. */
  public static Vocabulary merge(List<Vocabulary> all) {
    Map<String, String> roles = new LinkedHashMap<>();
    Map<String, String> abnormal = new LinkedHashMap<>();
    List<Attribute> attributes = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    Belief belief = null;
    for (Vocabulary v : all) {
      v.roles().forEach(roles::putIfAbsent);
      v.abnormal().forEach(abnormal::putIfAbsent);
      v.attributes().stream().filter(a -> attributes.stream().noneMatch(b -> b.kind().equals(a.kind())))
          .forEach(attributes::add);
      v.notices().stream().filter(a -> notices.stream().noneMatch(b -> b.kind().equals(a.kind())))
          .forEach(notices::add);
      belief = belief == null ? v.belief() : belief;
    }
    return new Vocabulary(roles, abnormal, attributes, notices, belief);
  }

  /** Label → colour pairs, in the order given: {@code colours("PRIMARY", "#2563eb", "SECONDARY", "#0d9488")}. */
  public static Map<String, String> colours(String... labelColourPairs) {
    Map<String, String> colours = new LinkedHashMap<>();
    for (int i = 0; i + 1 < labelColourPairs.length; i += 2) {
      colours.put(labelColourPairs[i], labelColourPairs[i + 1]);
    }
    return colours;
  }

  /** The attribute of this kind, or null. */
  public Attribute attribute(String kind) {
    return attributes.stream().filter(a -> a.kind().equals(kind)).findFirst().orElse(null);
  }

  /** The notice of this kind, or null. */
  public Notice notice(String kind) {
    return notices.stream().filter(n -> n.kind().equals(kind)).findFirst().orElse(null);
  }
}
