package dev.hasim.mgc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reliable UDP between the two POMs of a pair (MGC-9): every POM message and TFTP block is a numbered segment,
 * acknowledged by the peer and retransmitted after {@code rtoMs} until {@code maxRetries} is spent. One segment
 * is in flight at a time, so a slow or lossy link shows up as time, as in the seed. A segment carries its
 * sender's incarnation, so a restarted peer's numbering starts afresh.
 */
final class Rudp {
  /** What the host lends the protocol: sending on the preferred link, timers, delivery, and failure. */
  interface Host {
    /** Sends a segment on the link POM currently uses (link1 while it is up, else link2). */
    void transmit(long epoch, long seq, Object payload);

    /** Acknowledges on the link the segment came in on. */
    void transmitAck(long epoch, long seq, String channel);

    void deliver(Object payload);

    /** The segment was retransmitted {@code maxRetries} times without an acknowledgement. */
    void gaveUp(Object payload);

    void startTimer(Object key, MgcHost.Command message, Duration after);

    void cancelTimer(Object key);

    void logError(String rule, String message);
  }

  enum Timer implements MgcHost.Command { SEND, RETRANSMIT }

  private final Host host;
  private final MgcSettings settings;
  private final long epoch;
  private final Deque<Object> queue = new ArrayDeque<>();
  private Object inFlight;
  private long inFlightSeq;
  private long nextSeq;
  private int retries;
  private long peerEpoch = -1;
  private long lastDelivered;

  Rudp(Host host, MgcSettings settings, long epoch) {
    this.host = host;
    this.settings = settings;
    this.epoch = epoch;
  }

  void send(Object payload) {
    queue.add(payload);
    pump();
  }

  /** Drops everything not yet acknowledged: the peer is gone (MGC-2). */
  void clear() {
    queue.clear();
    inFlight = null;
    host.cancelTimer(Timer.SEND);
    host.cancelTimer(Timer.RETRANSMIT);
  }

  boolean idle() {
    return inFlight == null && queue.isEmpty();
  }

  void onTimer(Timer timer) {
    if (inFlight == null) {
      return;
    }
    if (timer == Timer.SEND) {
      transmit();
      return;
    }
    retries++;
    if (retries > settings.maxRetries()) {
      Object failed = inFlight;
      inFlight = null;
      host.gaveUp(failed);
      pump();
      return;
    }
    if (!queue.isEmpty()) {
      // The seed's symptom of a bad link (a duplex mismatch): segments pile up behind an unacknowledged one.
      host.logError("MGC-9", "file /vobs/NSSU_Main/lib_src/rudp/src/rudp_api.cpp, line 963: Error - send window "
          + "full: No buffer space available(132)");
    }
    transmit();
  }

  void onAck(MgcHost.SegmentAck ack) {
    if (inFlight != null && ack.epoch() == epoch && ack.seq() == inFlightSeq) {
      inFlight = null;
      host.cancelTimer(Timer.RETRANSMIT);
      pump();
    }
  }

  void onSegment(MgcHost.Segment segment) {
    if (segment.epoch() < peerEpoch) {
      return; // from the peer's previous process, delayed past its restart: nobody waits for it any more
    }
    host.transmitAck(segment.epoch(), segment.seq(), segment.channel());
    if (segment.epoch() != peerEpoch) {
      peerEpoch = segment.epoch();
      lastDelivered = 0;
    }
    if (segment.seq() <= lastDelivered) {
      return; // a retransmission whose acknowledgement was lost
    }
    lastDelivered = segment.seq();
    host.deliver(segment.payload());
  }

  private void pump() {
    if (inFlight != null || queue.isEmpty()) {
      return;
    }
    inFlight = queue.poll();
    inFlightSeq = ++nextSeq;
    retries = 0;
    host.startTimer(Timer.SEND, Timer.SEND, Duration.ofNanos(Math.max(1, settings.blockNanos(bytes(inFlight)))));
  }

  private void transmit() {
    host.transmit(epoch, inFlightSeq, inFlight);
    host.startTimer(Timer.RETRANSMIT, Timer.RETRANSMIT, Duration.ofMillis(settings.rtoMs()));
  }

  /** Bytes on the wire: a TFTP block's data, or a short signalling message. */
  static int bytes(Object payload) {
    return payload instanceof MgcHost.TftpBlock b ? b.bytes()
        : payload instanceof MgcHost.PomMsg m ? m.bytes() : MgcHost.PomMsg.HEADER_BYTES;
  }
}
