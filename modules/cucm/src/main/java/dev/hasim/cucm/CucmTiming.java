package dev.hasim.cucm;

/**
 * The timers of one scenario's CUCM model.
 *
 * @param keepaliveMs PH-1 (Seed): a phone and its CCM exchange keepalives every 30 s by default
 * @param missedKeepalives PH-1 (Seed): three missed in a row means the connection is lost
 * @param registerTimeoutMs PH-1 (Model): how long a phone waits for a CCM to answer its registration before it
 *     tries the next entry of its list (5 s)
 * @param fallbackDelayMs PH-1 (Model): how long a higher-priority CCM (or, from SRST, any CCM) must answer the
 *     phone's probes before the phone falls back to it; Cisco's "Connection Monitor Duration", 120 s
 * @param resetDelayMs PH-2 (Model): how long a phone takes to reboot after a reset before it asks DHCP again (10 s)
 * @param ntpPollMs PH-3 (Model): how often an NTP client polls its source (64 s, ntpd's minimum poll)
 * @param ntpSyncAfter PH-3 (Model): good answers in a row before a client synchronises (4; "be patient")
 * @param ntpLoseAfter PH-3 (Model): unanswered polls in a row before a client drops its source (8, ntpd's reach register)
 * @param emccTimeoutMs EMCC-1 (Model): how long a cluster waits for a remote cluster's answer (5 s)
 */
public record CucmTiming(long keepaliveMs, int missedKeepalives, long registerTimeoutMs, long fallbackDelayMs,
    long resetDelayMs, long ntpPollMs, int ntpSyncAfter, int ntpLoseAfter, long emccTimeoutMs) {
  public static final CucmTiming DEFAULT = new CucmTiming(30_000, 3, 5_000, 120_000, 10_000, 64_000, 4, 8, 5_000);

  /** PH-1: when a connection counts as lost: the missed keepalives, plus half an interval of tolerance. */
  public long lostAfterMs() {
    return keepaliveMs * missedKeepalives + keepaliveMs / 2;
  }

  CucmTiming withKeepalive(long ms) {
    return new CucmTiming(ms, missedKeepalives, registerTimeoutMs, fallbackDelayMs, resetDelayMs, ntpPollMs,
        ntpSyncAfter, ntpLoseAfter, emccTimeoutMs);
  }

  CucmTiming withFallbackDelay(long ms) {
    return new CucmTiming(keepaliveMs, missedKeepalives, registerTimeoutMs, ms, resetDelayMs, ntpPollMs,
        ntpSyncAfter, ntpLoseAfter, emccTimeoutMs);
  }
}
