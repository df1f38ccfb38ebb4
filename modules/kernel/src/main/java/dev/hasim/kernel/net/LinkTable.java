package dev.hasim.kernel.net;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of every link: which directions are cut, who is isolated, the current partition, and each
 * link's latency, jitter and loss. The fabric consults it live; views rebuild it from the trace's faults.
 * One class for both, so the two can never disagree about who can reach whom.
 */
public final class LinkTable {
  private final LinkOptions defaults;
  /** Per-link settings from the scenario file: what {@code heal} restores. */
  private final Map<String, LinkOptions> configured;
  private final Map<String, LinkOptions> current = new HashMap<>();
  private final Set<String> cutDirections = new HashSet<>();
  private final Set<String> isolated = new HashSet<>();
  private final Map<String, Integer> partitionGroup = new HashMap<>();

  public LinkTable(LinkOptions defaults, Map<Link, LinkOptions> perLink) {
    this.defaults = defaults;
    this.configured = new HashMap<>();
    perLink.forEach((link, options) -> configured.put(link.key(), options));
  }

  /** An unordered pair of nodes. */
  public record Link(String a, String b) {
    String key() {
      return a.compareTo(b) <= 0 ? a + '\u0000' + b : b + '\u0000' + a;
    }
  }

  public LinkTable copy() {
    LinkTable copy = new LinkTable(defaults, Map.of());
    copy.configured.putAll(configured);
    copy.current.putAll(current);
    copy.cutDirections.addAll(cutDirections);
    copy.isolated.addAll(isolated);
    copy.partitionGroup.putAll(partitionGroup);
    return copy;
  }

  public void apply(NetworkFault fault) {
    // Java 17: no pattern switch yet, so an instanceof chain over the sealed interface.
    if (fault instanceof NetworkFault.Cut c) {
      cutDirections.add(direction(c.from(), c.to(), c.channel()));
      if (!c.oneWay()) {
        cutDirections.add(direction(c.to(), c.from(), c.channel()));
      }
    } else if (fault instanceof NetworkFault.Heal h) {
      String ab = direction(h.a(), h.b());
      String ba = direction(h.b(), h.a());
      cutDirections.removeIf(d -> d.equals(ab) || d.equals(ba) || d.startsWith(ab + '\u0001')
          || d.startsWith(ba + '\u0001'));
      current.remove(new Link(h.a(), h.b()).key());
    } else if (fault instanceof NetworkFault.HealChannel h) {
      cutDirections.remove(direction(h.a(), h.b(), h.channel()));
      cutDirections.remove(direction(h.b(), h.a(), h.channel()));
    } else if (fault instanceof NetworkFault.HealAll) {
      cutDirections.clear();
      isolated.clear();
      partitionGroup.clear();
      current.clear();
    } else if (fault instanceof NetworkFault.Isolate i) {
      isolated.add(i.node());
    } else if (fault instanceof NetworkFault.Partition p) {
      partitionGroup.clear();
      for (int group = 0; group < p.groups().size(); group++) {
        for (String node : p.groups().get(group)) {
          partitionGroup.put(node, group);
        }
      }
    } else if (fault instanceof NetworkFault.Degrade d) {
      String key = new Link(d.a(), d.b()).key();
      current.put(key, options(d.a(), d.b()).with(d.latencyMs(), d.jitterMs(), d.loss()));
    }
  }

  /** Whether a message on {@code channel} (null: none) can go from {@code from} to {@code to}, loss aside. */
  public boolean connected(String from, String to, String channel) {
    return connected(from, to) && (channel == null || cutDirections.isEmpty()
        || !cutDirections.contains(direction(from, to, channel)));
  }

  /** Whether a message from {@code from} can reach {@code to} at all (loss aside). */
  public boolean connected(String from, String to) {
    if (cutDirections.isEmpty() && isolated.isEmpty() && partitionGroup.isEmpty()) {
      return true; // the common case, decided without building keys
    }
    if (isolated.contains(from) || isolated.contains(to)) {
      return false;
    }
    Integer fromGroup = partitionGroup.get(from);
    Integer toGroup = partitionGroup.get(to);
    if (fromGroup != null && toGroup != null && !fromGroup.equals(toGroup)) {
      return false;
    }
    return !cutDirections.contains(direction(from, to));
  }

  /** Connected and not losing every message: the link works, if perhaps badly. */
  public boolean reachable(String from, String to) {
    return connected(from, to) && options(from, to).loss() < 1.0;
  }

  public LinkOptions options(String a, String b) {
    if (current.isEmpty() && configured.isEmpty()) {
      return defaults;
    }
    String key = new Link(a, b).key();
    LinkOptions degraded = current.get(key);
    if (degraded != null) {
      return degraded;
    }
    return configured.getOrDefault(key, defaults);
  }

  /** The worst delivery delay of any configured link, for detection and settle-time bounds. */
  public long worstDelayMs() {
    long worst = defaults.worstDelayMs();
    for (LinkOptions options : configured.values()) {
      worst = Math.max(worst, options.worstDelayMs());
    }
    return worst;
  }

  /** A whole-link direction key; a channel's key extends it, so healing the link can find its channels. */
  private static String direction(String from, String to) {
    return from + '\u0000' + to;
  }

  private static String direction(String from, String to, String channel) {
    return channel == null ? direction(from, to) : direction(from, to) + '\u0001' + channel;
  }
}
