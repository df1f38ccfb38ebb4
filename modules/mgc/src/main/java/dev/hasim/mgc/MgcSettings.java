package dev.hasim.mgc;

/**
 * A pair's timing and transfer knobs (all Model unless noted; defaults in {@link #defaults()}).
 *
 * @param heartbeatMs heartbeat period on each signalling link (MGC-2: 500 ms)
 * @param missedHeartbeats heartbeats missed on a link before it is down; both down means the peer is lost (3)
 * @param xferTimeoutMs how long a queued directory transfer may take from the moment it is requested (MGC-9)
 * @param fileOverheadMs per-file work of a TFTP transfer: temporary file, rename, attribute check (195 ms: fitted
 *     with PomStepTimes.AFTER_TRANSFER to the seed's one-file and 55-file directories)
 * @param bandwidthBps the signalling LAN's bandwidth, for the time a 512-byte TFTP block takes to send
 * @param rtoMs RUDP retransmission timeout
 * @param maxRetries RUDP retransmissions of one segment before the transfer gives up
 * @param responseTimeoutMs how long the active waits for its peer's answer; each 713 restarts it (2019)
 * @param platformStartMs how long an MGC application takes from its start ({@code pomMgr::initialize}) until the
 *     platform lets POM take a role (MGC-1, MGC-2): 26,452 ms, the seed's start-up example (initialize
 *     22:17:15.572 → handleGoStandbyLocal 22:17:42.024); the seed suppresses what the platform does meanwhile
 * @param epochS the wall-clock second virtual time 0 stands for, in the platform.log and file dates
 * @param zone the time-zone label platform.log prints (the seed's hosts print WET)
 */
public record MgcSettings(long heartbeatMs, int missedHeartbeats, long xferTimeoutMs, long fileOverheadMs,
    long bandwidthBps, long rtoMs, int maxRetries, long responseTimeoutMs, long platformStartMs, long epochS,
    String zone) {

  /** TFTP block size. */
  public static final int BLOCK_BYTES = 512;
  /** The seed's start-up example: {@code initialize: starting} 22:17:15.572 → {@code handleGoStandbyLocal} 42.024. */
  public static final long SEED_PLATFORM_START_MS = 26_452;
  /** Sun Oct 20 16:07:00 2002, the morning of the seed's prov-sync example. */
  public static final long SEED_EPOCH_S = 1035130020L;

  public static MgcSettings defaults() {
    return new MgcSettings(500, 3, 60_000, 195, 10_000_000, 300, 5, 60_000, SEED_PLATFORM_START_MS, SEED_EPOCH_S,
        "WET");
  }

  /** MGC-2: a link is down when no heartbeat came on it for this long (3 × 500 ms by default). */
  public long linkTimeoutMs() {
    return heartbeatMs * missedHeartbeats;
  }

  /**
   * MGC-1 (with MGC-2): a starting host takes a role once its platform is up and it has listened for a link timeout, whichever
   * is later (with the defaults, the platform's start-up).
   */
  public long startDecideMs() {
    return Math.max(platformStartMs, linkTimeoutMs());
  }

  /** The time one TFTP block takes on the wire, in nanoseconds. */
  public long blockNanos(int bytes) {
    return bytes * 8L * 1_000_000_000L / bandwidthBps;
  }
}
