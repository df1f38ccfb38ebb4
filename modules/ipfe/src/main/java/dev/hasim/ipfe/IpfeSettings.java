package dev.hasim.ipfe;

/**
 * Timing of one DSR's IPFE servers.
 *
 * @param heartbeatMs IPFE-2: mates exchange a heartbeat every 500 ms
 * @param alarmAfterMissed IPFE-3 (Model): how many heartbeat intervals may pass with nothing from the mate
 *     before alarm 5003; the seed says "missed its mate's heartbeat", so 1 by default
 */
public record IpfeSettings(long heartbeatMs, int alarmAfterMissed) {
  public static final IpfeSettings DEFAULT = new IpfeSettings(500, 1);

  /**
   * How long a node waits for its mate's heartbeat before it counts it missed: the missed intervals plus half
   * an interval of tolerance for latency and jitter.
   */
  public long silenceTimeoutMs() {
    return heartbeatMs * alarmAfterMissed + heartbeatMs / 2;
  }
}
