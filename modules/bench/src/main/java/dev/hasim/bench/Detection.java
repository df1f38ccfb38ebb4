package dev.hasim.bench;

/** One alarm 5003 raise or clear: what the three implementations must agree on. */
record Detection(long tMs, String node, boolean raised) implements Comparable<Detection> {
  @Override
  public int compareTo(Detection o) {
    int byTime = Long.compare(tMs, o.tMs);
    if (byTime != 0) {
      return byTime;
    }
    int byNode = node.compareTo(o.node);
    return byNode != 0 ? byNode : Boolean.compare(raised, o.raised);
  }
}
