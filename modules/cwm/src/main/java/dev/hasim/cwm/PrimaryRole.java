package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.DatabaseInSync;
import dev.hasim.cwm.CwmGateway.ForcePrimary;
import dev.hasim.cwm.CwmGateway.Handover;
import dev.hasim.cwm.CwmGateway.NewPrimary;
import dev.hasim.cwm.CwmGateway.NotRegistered;
import dev.hasim.cwm.CwmGateway.PrimaryClaim;
import dev.hasim.cwm.CwmGateway.PriorityChange;
import dev.hasim.cwm.CwmGateway.Provision;
import dev.hasim.cwm.CwmGateway.ProvisionRequest;
import dev.hasim.cwm.CwmGateway.Register;
import dev.hasim.cwm.CwmGateway.Registered;
import dev.hasim.cwm.CwmGateway.SecondaryHeartbeat;
import dev.hasim.cwm.CwmGateway.SecondaryShutdown;
import dev.hasim.cwm.CwmGateway.Shutdown;
import dev.hasim.cwm.CwmGateway.Tick;
import dev.hasim.cwm.CwmGateway.UserDataAck;
import dev.hasim.cwm.CwmGateway.UserDataRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The Primary (CWM-4, CWM-8, CWM-11, CWM-15, CWM-17, CWM-21): registers Secondaries first-come-first-serve,
 * renumbers them when one leaves, heartbeats them and watches theirs, hands its role over on shutdown or USR2.
 * User data (CWM-19) is arbitrated by {@link UserDataArbiter}. The registry and everything else this reign
 * knows live here and end with it.
 */
final class PrimaryRole implements CwmGateway.Role {
  /** Decision fields of a takeover (CWM-17): the peers not heard from, the Primary that handed over. */
  static final String UNHEARD = "unheard";
  static final String AFTER = "after";
  static final String HEARD = "heard_ms";
  private final CwmGateway g;
  /** The Secondaries in priority order: S1 first (CWM-4). */
  private final List<String> registry = new ArrayList<>();
  /** Each registered Secondary's incarnation (its start time), to tell a restart from a repeated Register. */
  private final Map<String, Long> registeredIncarnation = new TreeMap<>();
  /**
   * The version of the list, bumped on every change and sent with every number, so a Secondary never lets an
   * older number overtaken on the network undo a newer one (CWM-8). A later reign starts higher.
   */
  private long orderVersion;
  private final Map<String, Long> lastHeardMs = new TreeMap<>();
  /**
   * When each Secondary was last heard from in this reign: its last heartbeat or Register (a Register held while
   * this gateway was starting counts from its arrival, not from the reign's start: its sender may have gone
   * since). A forced switchover needs the target heard within two missed heartbeats (CWM-15).
   */
  private final Map<String, Long> heardMs = new TreeMap<>();
  private final Set<String> lostSecondaries = new HashSet<>();
  /** Names this reign: host, incarnation and when it took the role. */
  private final String term;
  /** When this reign began: of two Primaries that hear each other, the earlier reign keeps the role (CWM-17). */
  private final long reignStartMs;
  private final UserDataArbiter arbiter;

  private PrimaryRole(CwmGateway g) {
    this.g = g;
    this.term = g.self + "#" + g.env.incarnation() + "@" + g.env.nowMs();
    this.reignStartMs = g.env.nowMs();
    this.arbiter = new UserDataArbiter(g, registry, lostSecondaries);
    this.orderVersion = g.env.nowMs() * 1_000;
  }

  @Override
  public String name() {
    return CwmWords.PRIMARY;
  }

  @Override
  public String primary() {
    return g.self;
  }

  @Override
  public Behavior<Command> onUsr2(CwmGateway gateway) {
    return forcedSwitchOver();
  }

  /**
   * Takes the Primary role; {@code waiting}: gateways that registered while it was starting. Every way into
   * the role but the first Primary of a domain (CWM-2) is a switchover, and traps (CWM-11).
   */
  /** A registration held while starting: the registrant's incarnation and when its Register arrived. */
  record Held(long startedAtMs, long receivedAtMs) {}

  static Behavior<Command> become(CwmGateway g, String rule, String why, Map<String, Held> waiting) {
    return become(g, rule, why, waiting, List.of(), null);
  }

  /**
   * As above, and the decision says what the gateway knew (CWM-17): {@code unheard}, the peers it took the role
   * without hearing from (the silent Primary of CWM-14, the peers that did not answer a discovery, CWM-2) — if
   * one of them is a running Primary out of reach, the domain is split from this instant; {@code after}, the
   * Primary that handed it the role (CWM-5, CWM-15). The checkers tell a split from a bug by these fields.
   */
  static Behavior<Command> become(CwmGateway g, String rule, String why, Map<String, Held> waiting,
      List<String> unheard, String after) {
    return become(g, rule, why, waiting, unheard, after, Map.of());
  }

  /** As above, and {@code heardMs}: when the gateway last heard from each peer it did hear (CWM-17). */
  static Behavior<Command> become(CwmGateway g, String rule, String why, Map<String, Held> waiting,
      List<String> unheard, String after, Map<String, Long> heardMs) {
    g.cancelRoleTimers();
    List<Object> fields = new ArrayList<>(List.of("role", CwmWords.PRIMARY));
    if (!unheard.isEmpty()) {
      fields.addAll(List.of(UNHEARD, List.copyOf(unheard)));
      why += "; without hearing from " + String.join(", ", unheard) + ": if one of them is a running Primary out "
          + "of reach, the domain has several Primaries from now on (CWM-17, "
          + g.dualPrimaryPolicy().word() + ")";
    }
    if (after != null) {
      fields.addAll(List.of(AFTER, after));
    }
    if (!heardMs.isEmpty()) {
      fields.addAll(List.of(HEARD, heardMs));
    }
    g.trace.decision(rule, why, fields.toArray());
    g.trace.role(CwmWords.PRIMARY, rule);
    g.trace.state(CwmWords.NORMAL, rule);
    g.trace.attribute(CwmWords.PRIORITY, null, rule);
    g.trace.view(CwmWords.PRIMARY_VIEW, g.self);
    g.trace.view("heartbeat", "n/a");
    PrimaryRole primary = new PrimaryRole(g);
    if (!rule.equals("CWM-2")) {
      CwmWords.trap(g.trace, "cwmGatewaySwitchover", null, "CWM-11", g.self + " is now the Primary (" + rule + ")");
    }
    g.trace.view("dssync", g.databaseInSync ? "IN_SYNC" : "NETWORK_SYNC");
    g.timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(g.conf().heartbeatMs()));
    g.timers.startTimerAtFixedRate(Tick.CHECK_SECONDARIES, Duration.ofMillis(g.conf().heartbeatMs()));
    if (g.dualPrimaryPolicy() == DualPrimaryPolicy.RESOLVE) {
      g.timers.startTimerAtFixedRate(Tick.CLAIM, Duration.ofMillis(2 * g.conf().heartbeatMs()));
    }
    for (String peer : g.peers()) {
      g.env.send(peer, new NewPrimary(g.self, rule, primary.term, g.startedAtMs));
    }
    for (var registration : new ArrayList<>(waiting.entrySet())) {
      primary.register(new Register(registration.getKey(), registration.getValue().startedAtMs()),
          registration.getValue().receivedAtMs());
    }
    primary.reportSecondaries();
    return primary.behavior();
  }

  private Behavior<Command> behavior() {
    return g.common(Behaviors.receive(Command.class)
        .onMessage(UserDataRequest.class, r -> r.purpose().equals("sync"), arbiter::onSyncRequest)
        .onMessageEquals(Tick.NETWORK_SYNCED, this::onNetworkSynced)
        .onMessage(PrimaryClaim.class, this::onClaim), this)
        .onMessageEquals(Tick.CLAIM, this::claim)
        .onMessage(Register.class, r -> register(r, g.env.nowMs()))
        .onMessage(SecondaryHeartbeat.class, this::onSecondaryHeartbeat)
        .onMessage(SecondaryShutdown.class, this::onSecondaryShutdown)
        .onMessageEquals(Tick.HEARTBEAT, this::sendHeartbeats)
        .onMessageEquals(Tick.CHECK_SECONDARIES, this::checkSecondaries)
        .onMessage(NewPrimary.class, this::onRivalPrimary)
        .onMessage(Handover.class, h -> g.ignored(h, "CWM-17", "this gateway is Primary too"))
        .onMessage(ProvisionRequest.class, r -> arbiter.arbitrate(r.from(), r.change()))
        .onMessage(Provision.class, p -> arbiter.arbitrate(g.self, CwmGateway.change(p)))
        .onMessage(UserDataAck.class, arbiter::onAck)
        .onMessageEquals(Tick.LOCK_EXPIRED, arbiter::expireLocks)
        .onMessageEquals(ForcePrimary.INSTANCE, () -> g.noEffect("CWM-16", "force_primary: already Primary"))
        .onMessageEquals(Shutdown.INSTANCE, this::shutdown)
        .build();
  }

  /** {@code receivedAtMs}: when the Register arrived (earlier than now if held while this gateway was starting). */
  private Behavior<Command> register(Register registration, long receivedAtMs) {
    String secondary = registration.from();
    heardMs.merge(secondary, receivedAtMs, Math::max);
    boolean again = registry.contains(secondary);
    if (again && Long.valueOf(registration.startedAtMs()).equals(registeredIncarnation.get(secondary))) {
      // CWM-4: the same incarnation registering again (a reply to discovery and the end of discovery, or a
      // Registered lost on the way) has not restarted: it keeps its place, first-come-first-serve.
      int number = registry.indexOf(secondary) + 1;
      lastHeardMs.put(secondary, g.env.nowMs());
      lostSecondaries.remove(secondary);
      g.trace.decision("CWM-4", secondary + " registered again without restarting: it keeps S" + number
          + " (first-come-first-serve)", "secondary", secondary, CwmWords.PRIORITY, number);
      g.env.send(secondary, new Registered(g.self, number, g.databaseInSync, term, orderVersion));
      reportSecondaries();
      return Behaviors.same();
    }
    if (again) {
      // CWM-8: a restarted Secondary re-registers; its old number is freed first, then it gets the last one.
      deregister(secondary, "CWM-8", "restarted and re-registered");
    }
    registry.add(secondary);
    orderVersion++;
    registeredIncarnation.put(secondary, registration.startedAtMs());
    lastHeardMs.put(secondary, g.env.nowMs());
    lostSecondaries.remove(secondary);
    int number = registry.size();
    g.trace.decision("CWM-4", secondary + " registered: S" + number + " (first-come-first-serve"
        + (again ? ", after its restart" : "") + ")", "secondary", secondary, CwmWords.PRIORITY, number,
        "started_ms", registration.startedAtMs());
    g.env.send(secondary, new Registered(g.self, number, g.databaseInSync, term, orderVersion));
    reportSecondaries();
    return Behaviors.same();
  }

  /** CWM-8: Sn leaves; every Sm with m > n becomes S(m−1), every Sm with m < n keeps its number. */
  /**
   * CWM-8: a Secondary shut down gracefully leaves the list, unless the notice comes from an earlier incarnation
   * than the one registered now (found by hasim explore: the notice crossed a 10-s-latency link and arrived
   * after the restarted gateway had registered, which then lost its place).
   */
  private Behavior<Command> onSecondaryShutdown(SecondaryShutdown notice) {
    Long registered = registeredIncarnation.get(notice.from());
    if (registered != null && registered > notice.startedAtMs()) {
      g.trace.decision("CWM-8", notice.from() + "'s shutdown notice is from its incarnation started at "
          + notice.startedAtMs() + " ms, older than the one registered (started at " + registered + " ms): ignored");
      return Behaviors.same();
    }
    return deregister(notice.from(), "CWM-8", "shut down gracefully");
  }

  private Behavior<Command> deregister(String secondary, String rule, String why) {
    int index = registry.indexOf(secondary);
    if (index < 0) {
      return Behaviors.same();
    }
    int n = index + 1;
    registry.remove(index);
    orderVersion++;
    registeredIncarnation.remove(secondary);
    lastHeardMs.remove(secondary);
    heardMs.remove(secondary);
    lostSecondaries.remove(secondary);
    g.trace.decision(rule, secondary + " (S" + n + ") " + why + ": it leaves the priority list", "secondary",
        secondary, CwmWords.PRIORITY, n);
    String reason = secondary + " (S" + n + ") " + why + ", Sm with m > n moves up (" + rule + ")";
    for (int i = index; i < registry.size(); i++) {
      String moved = registry.get(i);
      g.trace.decision(rule, moved + " S" + (i + 2) + " → S" + (i + 1) + ": " + reason, "secondary", moved,
          "from", i + 2, "to", i + 1);
      g.env.send(moved, new PriorityChange(g.self, i + 1, rule, reason, orderVersion));
    }
    reportSecondaries();
    return Behaviors.same();
  }

  private Behavior<Command> onSecondaryHeartbeat(SecondaryHeartbeat heartbeat) {
    if (!registry.contains(heartbeat.from())) {
      g.env.send(heartbeat.from(), new NotRegistered(g.self, orderVersion));
      return Behaviors.same();
    }
    lastHeardMs.put(heartbeat.from(), g.env.nowMs());
    heardMs.put(heartbeat.from(), g.env.nowMs());
    if (lostSecondaries.remove(heartbeat.from())) {
      CwmWords.trap(g.trace, "cwmSecondaryConnectivityRestored", null, "CWM-11", "heartbeats from "
          + heartbeat.from() + " arrive again");
      reportSecondaries();
    }
    return Behaviors.same();
  }

  private Behavior<Command> sendHeartbeats() {
    List<String> order = List.copyOf(registry);
    for (String secondary : order) {
      g.env.send(secondary, new CwmGateway.Heartbeat(g.self, order, orderVersion));
    }
    return Behaviors.same();
  }

  /** CWM-11: the Primary sees each Secondary's connectivity; CWM-14: a lost SP1 is renumbered away. */
  private Behavior<Command> checkSecondaries() {
    long now = g.env.nowMs();
    long silenceMs = g.conf().silenceTimeoutMs();
    for (String secondary : List.copyOf(registry)) {
      if (now - lastHeardMs.getOrDefault(secondary, now) > silenceMs && lostSecondaries.add(secondary)) {
        CwmWords.trap(g.trace, "cwmSecondaryConnectivityLost", null, "CWM-11", "no heartbeat from " + secondary
            + " for " + silenceMs + " ms");
      }
    }
    while (!registry.isEmpty() && lostSecondaries.contains(registry.get(0))) {
      String lost = registry.get(0);
      deregister(lost, "CWM-14", "is unreachable (its bidirectional heartbeat is lost)");
      g.env.send(lost, new NotRegistered(g.self, orderVersion)); // if it still hears this Primary, it drops its number
    }
    reportSecondaries();
    return Behaviors.same();
  }

  private Behavior<Command> onRivalPrimary(NewPrimary announcement) {
    if (registry.contains(announcement.from())) {
      deregister(announcement.from(), "CWM-17", "claims to be Primary itself");
    }
    boolean resolve = g.dualPrimaryPolicy() == DualPrimaryPolicy.RESOLVE;
    g.trace.decision("CWM-17", announcement.from() + " announces itself Primary while this gateway is Primary: "
        + (resolve ? "telling it when this reign began; the earlier reign keeps the role (resolve)"
        : "the domain has several Primaries until an operator acts"), "rival", announcement.from());
    if (resolve) {
      g.env.send(announcement.from(), new PrimaryClaim(g.self, reignStartMs, g.listIndex(g.self)));
    }
    return Behaviors.same();
  }

  /** CWM-17, resolve: every discovery window, tell the peers this Primary does not list that it is Primary. */
  private Behavior<Command> claim() {
    for (String peer : g.peers()) {
      if (!registry.contains(peer)) {
        g.env.send(peer, new PrimaryClaim(g.self, reignStartMs, g.listIndex(g.self)));
      }
    }
    return Behaviors.same();
  }

  /**
   * CWM-17, resolve: two Primaries hear each other. The reign that began first keeps the role (ties: the one
   * earlier in DomainGatewayList), as the first gateway to begin operation is Primary (CWM-2); both sides
   * decide alike, so exactly one yields. The loser tells its Secondaries to re-register with the winner and
   * re-registers itself (CWM-7); user-data changes made on it during the split are replaced by the winner's
   * tables when it registers (CWM-19).
   */
  private Behavior<Command> onClaim(PrimaryClaim rival) {
    if (g.dualPrimaryPolicy() != DualPrimaryPolicy.RESOLVE) {
      return Behaviors.same();
    }
    boolean rivalFirst = rival.reignStartMs() < reignStartMs
        || (rival.reignStartMs() == reignStartMs && rival.listIndex() < g.listIndex(g.self));
    if (!rivalFirst) {
      g.trace.decision("CWM-17", rival.from() + " is Primary too (its reign began at " + rival.reignStartMs()
          + " ms, this one at " + reignStartMs + " ms): this gateway keeps the role and tells " + rival.from()
          + " (resolve)", "rival", rival.from());
      g.env.send(rival.from(), new PrimaryClaim(g.self, reignStartMs, g.listIndex(g.self)));
      if (registry.contains(rival.from())) {
        deregister(rival.from(), "CWM-17", "is Primary itself");
      }
      return Behaviors.same();
    }
    g.trace.decision("CWM-17", rival.from() + " is Primary too and its reign began first (at "
        + rival.reignStartMs() + " ms, this one at " + reignStartMs + " ms): yielding the role; this gateway and "
        + "its " + registry.size() + " Secondaries re-register with " + rival.from() + " (resolve, CWM-7)",
        "rival", rival.from(), "winner", rival.from());
    for (String secondary : registry) {
      g.env.send(secondary, new Handover(g.self, rival.from(), "CWM-17"));
    }
    return SecondaryRole.yielded(g, rival.from());
  }

  /** CWM-21: the network is discovered; Secondaries waiting for it may now pull user data. */
  private Behavior<Command> onNetworkSynced() {
    g.onNetworkSynced();
    g.trace.view("dssync", "IN_SYNC");
    for (String secondary : registry) {
      g.env.send(secondary, new DatabaseInSync(g.self));
    }
    return Behaviors.same();
  }

  /** CWM-6: a graceful shutdown nominates SP1. */
  private Behavior<Command> shutdown() {
    String nominee = registry.isEmpty() ? null : registry.get(0);
    g.trace.decision("CWM-6", "shutting down gracefully: notifying " + registry.size() + " Secondaries"
        + (nominee == null ? "" : "; nominating SP1 " + nominee + " as the new Primary"));
    for (String secondary : registry) {
      g.env.send(secondary, new Handover(g.self, nominee, "CWM-6"));
    }
    if (nominee != null) {
      g.env.disk().put(CwmGateway.DISK_HANDED_OVER, nominee); // it restarts as a newcomer, not to resume (CWM-7)
    }
    return Behaviors.stopped();
  }

  /** CWM-15: only USR2 reads ForcedSwitchOver; three conditions, else refused. */
  private Behavior<Command> forcedSwitchOver() {
    String target = g.readConf().forcedSwitchOver();
    if (target == null) {
      return g.noEffect("CWM-15", "USR2: ForcedSwitchOver is empty in " + CwmGateway.CONF_FILE + "; nothing to do");
    }
    if (!registry.contains(target)) {
      return g.noEffect("CWM-15", "USR2: forced switchover to " + target + " refused: it is not a registered, "
          + "running Secondary of this Primary");
    }
    if (lostSecondaries.contains(target)) {
      return g.noEffect("CWM-15", "USR2: forced switchover to " + target + " refused: no IP connectivity "
          + "(its heartbeats are missing)");
    }
    Long heard = heardMs.get(target);
    if (heard == null || g.env.nowMs() - heard > g.conf().silenceTimeoutMs()) {
      return g.noEffect("CWM-15", "USR2: forced switchover to " + target + " refused: it is not known to be up "
          + "and running (nothing heard from it for " + (heard == null ? "this whole reign"
          : (g.env.nowMs() - heard) + " ms") + ", more than two missed heartbeats)");
    }
    g.trace.decision("CWM-15", "USR2: forced switchover to " + target + " (up, running, reachable); this gateway "
        + "becomes a Secondary and every Secondary re-registers (CWM-7)", "target", target);
    for (String secondary : registry) {
      g.env.send(secondary, new Handover(g.self, target, "CWM-15"));
    }
    return SecondaryRole.awaiting(g, g.self, target, "CWM-15");
  }

  private void reportSecondaries() {
    StringBuilder status = new StringBuilder();
    for (int i = 0; i < registry.size(); i++) {
      String s = registry.get(i);
      status.append(i == 0 ? "" : " ").append("S").append(i + 1).append('=').append(s)
          .append(lostSecondaries.contains(s) ? "(LOST)" : "");
    }
    g.trace.view("secondaries", status.length() == 0 ? "none" : status.toString());
  }
}
