package dev.hasim.report.html;

import java.util.Map;

/** Colours for roles and states, shared by every drawing and the legend. */
final class Palette {
  static final Map<String, String> BY_LABEL = Map.ofEntries(
      Map.entry("PRIMARY", "#2563eb"), Map.entry("ACTIVE", "#2563eb"),
      Map.entry("SECONDARY", "#0d9488"), Map.entry("STANDBY", "#0d9488"),
      Map.entry("UP", "#16a34a"), Map.entry("STARTING", "#a3a3a3"), Map.entry("DOWN", "#3f3f46"),
      Map.entry("DEGRADED", "#f59e0b"), Map.entry("SYNC_LOST", "#f97316"), Map.entry("OOS", "#dc2626"));
  /** The legend's order: roles first, then abnormal states. */
  static final java.util.List<String> ORDER = java.util.List.of("PRIMARY", "ACTIVE", "SECONDARY", "STANDBY", "UP",
      "STARTING", "DEGRADED", "SYNC_LOST", "OOS", "DOWN");
  /** Abnormal states win over the role when a bar is coloured. */
  static final java.util.Set<String> ALARMING_STATES = java.util.Set.of("DEGRADED", "SYNC_LOST", "OOS");
  static final String OTHER = "#64748b";
  static final String FAULT = "#dc2626";
  static final String CLEARED = "#16a34a";

  private static final String[] HOSTS = {"#2563eb", "#9333ea", "#db2777", "#ea580c", "#0891b2", "#65a30d",
      "#b45309", "#4f46e5", "#be123c", "#0f766e"};

  private Palette() {}

  static String of(String label) {
    return BY_LABEL.getOrDefault(label, OTHER);
  }

  /** A stable colour per host name, for beliefs ("who is Primary"). */
  static String ofHost(String host, java.util.List<String> hosts) {
    int index = hosts.indexOf(host);
    return index < 0 ? OTHER : HOSTS[index % HOSTS.length];
  }
}
