package dev.hasim.kernel.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A node's pen on the trace. It remembers the node's current role, state, attributes and alarms so that every
 * change is written with its {@code from}, and so that repeating the current value writes nothing. It
 * outlives incarnations: a restarted node continues the same story.
 */
public final class NodeRecorder {
  private final String node;
  private final Trace trace;
  /** Volatile so that repeating the current value (most calls) returns without taking the lock. */
  private volatile String role;
  private volatile String state;
  /** The model's own tracked values by kind (CWM's {@code priority}), in the order first recorded. */
  private final LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();
  private final TreeSet<Integer> alarms = new TreeSet<>();
  private final java.util.TreeMap<String, Object> views = new java.util.TreeMap<>();

  public NodeRecorder(String node, Trace trace, String initialRole) {
    this.node = node;
    this.trace = trace;
    this.role = initialRole;
  }

  public String node() {
    return node;
  }

  /** Every decision names the rule it follows and why, so the trace explains the node's behaviour. */
  public synchronized void decision(String rule, String why, Object... keyValues) {
    Map<String, Object> fields = fields("rule", rule, "why", why);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.put(keyValues[i].toString(), keyValues[i + 1]);
    }
    trace.record(node, EventKind.DECISION, fields);
  }

  public synchronized void warning(String rule, String why) {
    trace.record(node, EventKind.WARNING, fields("rule", rule, "why", why));
  }

  /** A belief or status about something else; written only when it changes. A null value removes it. */
  public synchronized void view(String key, Object value) {
    if (java.util.Objects.equals(views.get(key), value)) {
      return;
    }
    if (value == null) {
      views.remove(key);
    } else {
      views.put(key, value);
    }
    trace.record(node, EventKind.VIEW, fields("key", key, "value", value));
  }

  /** A line the real product logs, at its level (L1, error, info …). */
  public synchronized void log(String level, String rule, String message) {
    trace.record(node, EventKind.LOG, fields("level", level, "rule", rule, "message", message));
  }

  /**
   * A model's own event kind that is not a change of the node (CWM's {@code trap}): the fields as given, in
   * order; null values are left out. It must not carry {@code from} and {@code to}, which mark an attribute.
   */
  public synchronized void notice(String kind, Object... keyValues) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        f.put(keyValues[i].toString(), keyValues[i + 1]);
      }
    }
    if (EventKind.KERNEL_KINDS.contains(kind) || (f.containsKey("from") && f.containsKey("to"))) {
      throw new IllegalArgumentException("notice " + kind + ": a kernel kind, or shaped like an attribute");
    }
    trace.record(node, kind, f);
  }

  public void role(String to, String rule) {
    if (to.equals(role)) {
      return;
    }
    changeRole(to, rule);
  }

  private synchronized void changeRole(String to, String rule) {
    if (to.equals(role)) {
      return;
    }
    trace.record(node, EventKind.ROLE, withRule(fields("from", role, "to", to), rule));
    role = to;
  }

  public void state(String to, String rule) {
    if (to.equals(state)) {
      return; // a heartbeat that confirms the state: no lock, no event
    }
    changeState(to, rule);
  }

  private synchronized void changeState(String to, String rule) {
    if (to.equals(state)) {
      return;
    }
    trace.record(node, EventKind.STATE, withRule(fields("from", state, "to", to), rule));
    state = to;
  }

  /** The current value of one of the model's attributes, or null. */
  public synchronized Object attribute(String kind) {
    return attributes.get(kind);
  }

  public synchronized String state() {
    return state;
  }

  /**
   * A value the model tracks for the node besides role and state (CWM's {@code priority}), written as its own
   * kind with {@code from} and {@code to} when it changes (see {@link EventKind#isAttribute}); null: none.
   */
  public synchronized void attribute(String kind, Object to, String rule) {
    Object from = attributes.get(kind);
    if (java.util.Objects.equals(to, from)) {
      return;
    }
    if (EventKind.KERNEL_KINDS.contains(kind)) {
      throw new IllegalArgumentException(kind + " is a kernel kind, not a model attribute");
    }
    trace.record(node, kind, withRule(fields("from", from, "to", to), rule));
    if (to == null) {
      attributes.remove(kind);
    } else {
      attributes.put(kind, to);
    }
  }

  public synchronized void alarmRaised(int code, String rule) {
    if (alarms.add(code)) {
      trace.record(node, EventKind.ALARM_RAISED, withRule(fields("code", code), rule));
    }
  }

  public synchronized void alarmCleared(int code, String rule) {
    if (alarms.remove(code)) {
      trace.record(node, EventKind.ALARM_CLEARED, withRule(fields("code", code), rule));
    }
  }

  public synchronized boolean alarmActive(int code) {
    return alarms.contains(code);
  }

  public synchronized String role() {
    return role;
  }

  /**
   * The process is gone: its alarms go with it and it has no state or attributes. Called by the kernel, never
   * by a model, so "what a down node looks like" is decided in one place.
   */
  public synchronized void down(String why) {
    List<Integer> active = new ArrayList<>(alarms);
    for (int code : active) {
      alarms.remove(code);
      trace.record(node, EventKind.ALARM_CLEARED, fields("code", code, "why", why));
    }
    for (var attribute : new ArrayList<>(attributes.entrySet())) {
      trace.record(node, attribute.getKey(), fields("from", attribute.getValue(), "to", null, "why", why));
    }
    attributes.clear();
    if (state != null) {
      trace.record(node, EventKind.STATE, fields("from", state, "to", null, "why", why));
      state = null;
    }
    for (String key : new ArrayList<>(views.keySet())) {
      views.remove(key);
      trace.record(node, EventKind.VIEW, fields("key", key, "value", null, "why", why));
    }
    if (!"DOWN".equals(role)) {
      trace.record(node, EventKind.ROLE, fields("from", role, "to", "DOWN", "why", why));
      role = "DOWN";
    }
  }

  private static Map<String, Object> withRule(Map<String, Object> fields, String rule) {
    if (rule != null) {
      fields.put("rule", rule);
    }
    return fields;
  }

  private static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.put(keyValues[i].toString(), keyValues[i + 1]);
    }
    return fields;
  }
}
