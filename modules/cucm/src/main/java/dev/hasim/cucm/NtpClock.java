package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The NTP client and server of one CUCM node (PH-3). The publisher polls its NTP servers (or runs on its
 * internal clock, stratum 10, when it has none); a subscriber polls only its publisher. A client synchronises
 * with the lowest-stratum source that has answered {@code ntpSyncAfter} polls in a row, never with a source at
 * stratum 10 or more nor with one that is itself unsynchronised, and is then one stratum above it. It drops a
 * source that stops answering for {@code ntpLoseAfter} polls, that goes to stratum 10 or more, or that loses
 * its own synchronisation.
 */
final class NtpClock {
  /** PH-3 (Seed): "the box won't synchronize to any time source with stratum equal or greater than 10". */
  static final int UNUSABLE_STRATUM = 10;

  private static final class Peer {
    boolean awaiting;
    int missed;
    int good;
    Integer stratum;
    String status = "";
  }

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final CucmTiming timing;
  private final boolean localClock;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private String source;
  private Integer stratum;

  NtpClock(NodeEnv env, TimerScheduler<Msg> timers, CcmConfig config) {
    this.env = env;
    this.trace = env.trace();
    this.timing = config.timing();
    List<String> servers = config.isPublisher() ? config.ntpServers() : List.of(config.publisher());
    servers.forEach(s -> peers.put(s, new Peer()));
    this.localClock = servers.isEmpty();
    if (localClock) {
      stratum = UNUSABLE_STRATUM;
      trace.decision("PH-3", "no NTP server configured on the publisher: it runs on its internal clock at stratum "
          + UNUSABLE_STRATUM + ", which its subscribers never use");
      trace.attribute(CucmWords.STRATUM, UNUSABLE_STRATUM, "PH-3");
      trace.state(CucmWords.LOCAL_CLOCK, "PH-3");
      trace.view(CucmWords.NTP_VIEW, "synchronised to local clock (internal) at stratum " + UNUSABLE_STRATUM);
      return;
    }
    unsynchronised();
    timers.startTimerAtFixedRate(CcmNode.Tick.NTP_POLL, CcmNode.Tick.NTP_POLL, Duration.ofMillis(timing.ntpPollMs()));
    poll();
  }

  void onMessage(Msg message) {
    if (message == CcmNode.Tick.NTP_POLL) {
      poll();
    } else if (message instanceof Msg.NtpQuery q) {
      env.send(q.from(), new Msg.NtpReply(env.self(), localClock || source != null ? stratum : null));
    } else if (message instanceof Msg.NtpReply r) {
      onReply(r);
    }
  }

  private void poll() {
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      Peer peer = e.getValue();
      if (peer.awaiting && ++peer.missed >= timing.ntpLoseAfter()) {
        peer.good = 0;
        status(e.getKey(), peer, "unreachable", e.getKey() + " has not answered " + peer.missed + " polls in a row");
      }
      peer.awaiting = true;
      env.send(e.getKey(), new Msg.NtpQuery(env.self(), stratum));
    }
    evaluate();
  }

  private void onReply(Msg.NtpReply reply) {
    Peer peer = peers.get(reply.from());
    if (peer == null) {
      return;
    }
    peer.awaiting = false;
    peer.missed = 0;
    peer.stratum = reply.stratum();
    if (reply.stratum() == null) {
      peer.good = 0;
      status(reply.from(), peer, "unsynchronised", reply.from() + " answers but is not synchronised itself"
          + (peers.size() == 1 && !localClock ? " with its NTP source: subscribers synchronise with the publisher "
          + "only once it is" : "") + "; not used");
    } else if (reply.stratum() >= UNUSABLE_STRATUM) {
      peer.good = 0;
      status(reply.from(), peer, "stratum " + reply.stratum(), reply.from() + " is at stratum " + reply.stratum()
          + ": a source at stratum " + UNUSABLE_STRATUM + " or more is never used");
    } else {
      peer.good++;
      status(reply.from(), peer, "usable", null);
    }
    evaluate();
  }

  /** Chooses the source: the current one while it stays usable, else the lowest stratum that has proved itself. */
  private void evaluate() {
    Peer current = source == null ? null : peers.get(source);
    boolean keep = current != null && current.good > 0 && current.missed < timing.ntpLoseAfter();
    String best = keep ? source : null;
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      Peer p = e.getValue();
      boolean proved = p.good >= timing.ntpSyncAfter() && p.missed < timing.ntpLoseAfter();
      if (proved && (best == null || p.stratum < peers.get(best).stratum)) {
        best = e.getKey();
      }
    }
    if (best == null) {
      if (source != null) {
        String lost = source;
        source = null;
        trace.decision("PH-3", "lost its NTP source " + lost + " (" + peers.get(lost).status + "): unsynchronised");
        unsynchronised();
      }
      publishPeers();
      return;
    }
    int newStratum = peers.get(best).stratum + 1;
    if (!best.equals(source) || stratum == null || newStratum != stratum) {
      String why = "synchronised with " + best + " at stratum " + peers.get(best).stratum + " ("
          + peers.get(best).good + " good answers in a row): this node is at stratum " + newStratum;
      source = best;
      stratum = newStratum;
      trace.decision("PH-3", why, "source", best, "stratum", newStratum);
      trace.attribute(CucmWords.STRATUM, newStratum, "PH-3");
      trace.state(CucmWords.SYNCHRONISED, "PH-3");
      trace.view(CucmWords.NTP_VIEW, "synchronised to NTP server (" + best + ") at stratum " + newStratum);
    }
    publishPeers();
  }

  private void unsynchronised() {
    stratum = null;
    trace.attribute(CucmWords.STRATUM, null, "PH-3");
    trace.state(CucmWords.UNSYNCHRONISED, "PH-3");
    trace.view(CucmWords.NTP_VIEW, "unsynchronised; polling " + String.join(", ", peers.keySet()) + " every "
        + timing.ntpPollMs() / 1000 + " s");
  }

  private void status(String name, Peer peer, String status, String why) {
    if (!status.equals(peer.status)) {
      peer.status = status;
      if (why != null) {
        trace.decision("PH-3", why, "peer", name);
      }
    }
  }

  /** The remote lines of {@code utils ntp status}: "*" the source, "+" a usable candidate, then the stratum. */
  private void publishPeers() {
    StringJoiner lines = new StringJoiner("; ");
    peers.forEach((name, p) -> lines.add((name.equals(source) ? "*" : p.good > 0 ? "+" : " ") + name + " st "
        + (p.stratum == null ? 16 : p.stratum) + " reach " + (p.missed == 0 && p.stratum != null ? "yes" : "no")));
    trace.view(CucmWords.NTP_PEERS_VIEW, lines.toString());
  }
}
