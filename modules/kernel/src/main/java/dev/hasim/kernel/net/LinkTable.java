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
  private final Cuts cuts = new Cuts();
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
    copy.cuts.addAll(cuts);
    copy.isolated.addAll(isolated);
    copy.partitionGroup.putAll(partitionGroup);
    return copy;
  }

  public void apply(NetworkFault fault) {
    // Java 17: no pattern switch yet, so an instanceof chain over the sealed interface.
    if (fault instanceof NetworkFault.Cut c) {
      cuts.add(c.from(), c.to(), c.channel());
      if (!c.oneWay()) {
        cuts.add(c.to(), c.from(), c.channel());
      }
    } else if (fault instanceof NetworkFault.Heal h) {
      cuts.removeLink(h.a(), h.b());
      cuts.removeLink(h.b(), h.a());
      current.remove(new Link(h.a(), h.b()).key());
    } else if (fault instanceof NetworkFault.HealChannel h) {
      cuts.removeChannel(h.a(), h.b(), h.channel());
      cuts.removeChannel(h.b(), h.a(), h.channel());
    } else if (fault instanceof NetworkFault.HealAll) {
      cuts.clear();
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
    return connected(from, to) && (channel == null || cuts.isEmpty() || !cuts.contains(from, to, channel));
  }

  /** Whether a message from {@code from} can reach {@code to} at all (loss aside). */
  public boolean connected(String from, String to) {
    if (cuts.isEmpty() && isolated.isEmpty() && partitionGroup.isEmpty()) {
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
    return !cuts.contains(from, to, null);
  }

  /**
   * Whether a fault names {@code node}: a cut from or to it, its isolation, or a partition group holding it. A
   * message between two nodes that no fault names is {@link #connected}; the fabric asks this once per fault
   * instead of looking both names up for every message while anything is cut.
   */
  public boolean faulted(String node) {
    return isolated.contains(node) || partitionGroup.containsKey(node) || cuts.names(node);
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

  /**
   * Cut directions: from → to → the cut channels, {@link #WHOLE} standing for the whole link. Looked up with
   * the node names the fabric already holds, so a message costs no key building while something is cut.
   */
  private static final class Cuts {
    static final String WHOLE = "\u0000whole link";
    private final Map<String, Map<String, Set<String>>> byFrom = new HashMap<>();

    boolean isEmpty() {
      return byFrom.isEmpty();
    }

    void add(String from, String to, String channel) {
      byFrom.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new HashSet<>())
          .add(channel == null ? WHOLE : channel);
    }

    /** A cut of the whole link, or of {@code channel} (null: any message without a channel). */
    boolean contains(String from, String to, String channel) {
      Map<String, Set<String>> toMap = byFrom.get(from);
      Set<String> channels = toMap == null ? null : toMap.get(to);
      return channels != null && (channels.contains(WHOLE) || (channel != null && channels.contains(channel)));
    }

    /** Whether a cut goes from or to {@code node}. */
    boolean names(String node) {
      if (byFrom.containsKey(node)) {
        return true;
      }
      for (Map<String, Set<String>> toMap : byFrom.values()) {
        if (toMap.containsKey(node)) {
          return true;
        }
      }
      return false;
    }

    void removeLink(String from, String to) {
      Map<String, Set<String>> toMap = byFrom.get(from);
      if (toMap != null) {
        toMap.remove(to);
        if (toMap.isEmpty()) {
          byFrom.remove(from);
        }
      }
    }

    void removeChannel(String from, String to, String channel) {
      Map<String, Set<String>> toMap = byFrom.get(from);
      Set<String> channels = toMap == null ? null : toMap.get(to);
      if (channels != null && channels.remove(channel) && channels.isEmpty()) {
        removeLink(from, to);
      }
    }

    void clear() {
      byFrom.clear();
    }

    void addAll(Cuts other) {
      other.byFrom.forEach((from, toMap) -> toMap.forEach((to, channels) -> channels.forEach(
          c -> add(from, to, WHOLE.equals(c) ? null : c))));
    }
  }
}
