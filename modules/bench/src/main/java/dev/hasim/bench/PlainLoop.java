package dev.hasim.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The physical limit: the IPFE heartbeat workload as a plain single-threaded discrete-event loop — a priority
 * queue of (time, sequence) events and arrays of node state, no actors, no fabric object, no trace. It
 * implements exactly the rules of {@code IpfeServer} (IPFE-2..4) so that its detections must equal the actor
 * runtime's, event for event. It lives here, in the benchmark, and nowhere else.
 */
final class PlainLoop {
  private static final int TICK = 0;
  private static final int DELIVER = 1;
  private static final int SILENCE = 2;
  private static final int FAULT = 3;

  private record Event(long tMs, long seq, int type, int node, int arg) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return tMs != o.tMs ? Long.compare(tMs, o.tMs) : Long.compare(seq, o.seq);
    }
  }

  record Result(List<Detection> detections, long delivered, long events) {}

  static Result run(HeartbeatWorkload w) {
    int n = w.mate().length;
    boolean[] hearMate = new boolean[n];
    long[] deafSince = new long[n];
    boolean[] alarmed = new boolean[n];
    int[] silenceGeneration = new int[n];
    java.util.Arrays.fill(deafSince, -1);
    Set<Long> cut = new HashSet<>();
    PriorityQueue<Event> queue = new PriorityQueue<>();
    long[] seq = {0};
    List<Detection> detections = new ArrayList<>();
    long delivered = 0;
    long processed = 0;

    for (int f = 0; f < w.faults().size(); f++) {
      queue.add(new Event(w.faults().get(f).atMs(), seq[0]++, FAULT, -1, f));
    }
    for (int node = 0; node < n; node++) {
      // IpfeServer's constructor: heartbeat at once, then every interval; the silence timer armed.
      send(queue, seq, 0, node, w.mate()[node], hearMate[node], cut, w.latencyMs());
      queue.add(new Event(w.heartbeatMs(), seq[0]++, TICK, node, 0));
      queue.add(new Event(w.silenceTimeoutMs(), seq[0]++, SILENCE, node, silenceGeneration[node]));
    }
    while (!queue.isEmpty() && queue.peek().tMs() <= w.durationMs()) {
      Event e = queue.poll();
      processed++;
      long now = e.tMs();
      int node = e.node();
      switch (e.type()) {
        case TICK -> {
          send(queue, seq, now, node, w.mate()[node], hearMate[node], cut, w.latencyMs());
          queue.add(new Event(now + w.heartbeatMs(), seq[0]++, TICK, node, 0));
        }
        case DELIVER -> {
          int from = w.mate()[node];
          if (cut.contains(direction(from, node))) {
            continue; // cut while in flight
          }
          delivered++;
          hearMate[node] = true;
          queue.add(new Event(now + w.silenceTimeoutMs(), seq[0]++, SILENCE, node, ++silenceGeneration[node]));
          boolean hearsYou = e.arg() == 1;
          if (hearsYou) {
            deafSince[node] = -1;
          } else if (deafSince[node] < 0) {
            deafSince[node] = now;
          }
          long deafFor = deafSince[node] < 0 ? 0 : now - deafSince[node];
          if (deafFor >= w.silenceTimeoutMs()) {
            raise(detections, alarmed, w, node, now);
          } else if (deafSince[node] < 0 && alarmed[node]) {
            alarmed[node] = false;
            detections.add(new Detection(now, w.nodes().get(node), false));
          }
        }
        case SILENCE -> {
          if (e.arg() == silenceGeneration[node]) {
            hearMate[node] = false;
            raise(detections, alarmed, w, node, now);
          }
        }
        default -> {
          HeartbeatWorkload.Fault fault = w.faults().get(e.arg());
          if (fault.a() < 0) {
            cut.clear();
          } else if (fault.heal()) {
            cut.remove(direction(fault.a(), fault.b()));
            cut.remove(direction(fault.b(), fault.a()));
          } else {
            cut.add(direction(fault.a(), fault.b()));
            cut.add(direction(fault.b(), fault.a()));
          }
        }
      }
    }
    return new Result(detections, delivered, processed);
  }

  private static void send(PriorityQueue<Event> queue, long[] seq, long now, int from, int to, boolean hearsYou,
      Set<Long> cut, long latencyMs) {
    if (!cut.contains(direction(from, to))) {
      queue.add(new Event(now + latencyMs, seq[0]++, DELIVER, to, hearsYou ? 1 : 0));
    }
  }

  private static void raise(List<Detection> detections, boolean[] alarmed, HeartbeatWorkload w, int node, long now) {
    if (!alarmed[node]) {
      alarmed[node] = true;
      detections.add(new Detection(now, w.nodes().get(node), true));
    }
  }

  private static long direction(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }
}
