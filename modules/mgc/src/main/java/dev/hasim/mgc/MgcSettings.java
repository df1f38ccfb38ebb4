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
 * @param epochS the wall-clock second virtual time 0 stands for, in the platform.log and file dates
 * @param zone the time-zone label platform.log prints (the seed's hosts print WET)
 */
public record MgcSettings(long heartbeatMs, int missedHeartbeats, long xferTimeoutMs, long fileOverheadMs,
    long bandwidthBps, long rtoMs, int maxRetries, long responseTimeoutMs, long epochS, String zone) {

  /** TFTP block size. */
  public static final int BLOCK_BYTES = 512;
  /** Sun Oct 20 16:07:00 2002, the morning of the seed's prov-sync example. */
  public static final long SEED_EPOCH_S = 1035130020L;

  public static MgcSettings defaults() {
    return new MgcSettings(500, 3, 60_000, 195, 10_000_000, 300, 5, 60_000, SEED_EPOCH_S, "WET");
  }

  /** MGC-2: a link is down when no heartbeat came on it for this long (3 × 500 ms by default). */
  public long linkTimeoutMs() {
    return heartbeatMs * missedHeartbeats;
  }

  /** The time one TFTP block takes on the wire, in nanoseconds. */
  public long blockNanos(int bytes) {
    return bytes * 8L * 1_000_000_000L / bandwidthBps;
  }
}
