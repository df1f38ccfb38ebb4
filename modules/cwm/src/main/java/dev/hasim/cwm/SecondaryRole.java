package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.DatabaseInSync;
import dev.hasim.cwm.CwmGateway.DiscoverReply;
import dev.hasim.cwm.CwmGateway.ForcePrimary;
import dev.hasim.cwm.CwmGateway.Handover;
import dev.hasim.cwm.CwmGateway.Heartbeat;
import dev.hasim.cwm.CwmGateway.LostPrimaryAnswer;
import dev.hasim.cwm.CwmGateway.LostPrimaryQuery;
import dev.hasim.cwm.CwmGateway.NewPrimary;
import dev.hasim.cwm.CwmGateway.NotRegistered;
import dev.hasim.cwm.CwmGateway.PriorityChange;
import dev.hasim.cwm.CwmGateway.Provision;
import dev.hasim.cwm.CwmGateway.ProvisionResult;
import dev.hasim.cwm.CwmGateway.RegisterElsewhere;
import dev.hasim.cwm.CwmGateway.Registered;
import dev.hasim.cwm.CwmGateway.SecondaryHeartbeat;
import dev.hasim.cwm.CwmGateway.SecondaryShutdown;
import dev.hasim.cwm.CwmGateway.Shutdown;
import dev.hasim.cwm.CwmGateway.Tick;
import dev.hasim.cwm.CwmGateway.UserData;
import dev.hasim.cwm.CwmGateway.UserDataChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Secondary (CWM-5..CWM-14, CWM-18): follows its Primary by heartbeats both ways and takes its number from
 * the Primary's order; two missed heartbeats put it in degraded mode (CWM-10), where it rejects user-data
 * changes (CWM-12) and, as SP1 with AutoSwitchOver ON, takes over once another Secondary confirms the loss
 * (CWM-14). Its Primary, number and degraded mode live here and end with the role.
 */
final class SecondaryRole implements CwmGateway.Role {
  private final CwmGateway g;
  private String primary;
  private Integer priority;
  /** The nominee of a handover this gateway waits for (CWM-6, CWM-15), or null. */
  private String expectedPrimary;
  /** Gateways that announced themselves Primary while this one followed another: the notice may come later. */
  private final Set<String> claimedPrimary = new TreeSet<>();
  private boolean degraded;
  /** CWM-14: the lost Primary has been heard looking for its domain (it restarted): SP1 does not take over. */
  private boolean primaryBack;
  /** The term this Secondary registered under: a NewPrimary of that same term is old news. */
  private String registeredTerm;
  /** The newest version of the Primary's list applied here; an older number does not renumber it (CWM-8). */
  private long orderVersion;
  /** CWM-14: the peers that answered this round's LostPrimaryQuery, confirming or not. */
  private final Set<String> answered = new TreeSet<>();

  private final SecondaryUserData userData;

  private SecondaryRole(CwmGateway g, String primary) {
    this.g = g;
    this.primary = primary;
    this.userData = new SecondaryUserData(g);
  }

  @Override
  public String name() {
    return CwmWords.SECONDARY;
  }

  @Override
  public String primary() {
    return primary;
  }

  @Override
  public boolean lost(String queried) {
    return degraded && queried.equals(primary);
  }

  /** A starting gateway's registration was accepted (CWM-4). */
  static Behavior<Command> registered(CwmGateway g, Registered registered, String rule, String why) {
    return new SecondaryRole(g, null).onRegistered(registered, rule, why);
  }

  /** A Primary handed its role to {@code nominee} (CWM-15) and now waits for it, as Secondary of none. */
  static Behavior<Command> awaiting(CwmGateway g, String formerPrimary, String nominee, String rule) {
    return new SecondaryRole(g, formerPrimary).awaitNewPrimary(nominee, rule);
  }

  /**
   * CWM-17, resolve: this Primary yielded to {@code winner}, whose reign began first; it registers with it
   * at once (the winner is Primary already and announces nothing) and follows it as its Secondaries do.
   */
  static Behavior<Command> yielded(CwmGateway g, String winner) {
    SecondaryRole role = new SecondaryRole(g, g.self);
    Behavior<Command> next = role.awaitNewPrimary(winner, "CWM-17");
    role.registerWith(winner, "CWM-7", winner + " kept the Primary role (CWM-17, resolve)");
    return next;
  }

  private Behavior<Command> behavior() {
    return g.common(Behaviors.receive(Command.class)
        .onMessage(UserData.class, d -> d.purpose().equals("sync"), d -> userData.onSync(d, primary))
        .onMessage(CwmGateway.Discover.class, d -> degraded && d.from().equals(primary), this::onLostPrimaryBack), this)
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessageEquals(Tick.HEARTBEAT, this::heartbeatPrimary)
        .onMessageEquals(Tick.PRIMARY_SILENT, this::onPrimarySilent)
        .onMessageEquals(Tick.L1_REPEAT, this::logLostConnectivity)
        .onMessageEquals(Tick.AUTO_SWITCH, this::askOthers)
        .onMessageEquals(Tick.CONFIRM_WINDOW_END, this::onNoConfirmation)
        .onMessageEquals(Tick.PROBE, this::probePeers)
        .onMessage(DiscoverReply.class, this::onProbeReply)
        .onMessage(LostPrimaryAnswer.class, this::onLostPrimaryAnswer)
        .onMessage(PriorityChange.class, this::onPriorityChange)
        .onMessage(Registered.class, r -> isRepeat(r) ? Behaviors.same() : onRegistered(r, "CWM-7", "re-registered with Primary " + r.from()
            + " as S" + r.priority() + " (new order = order of re-registration)"))
        .onMessage(NotRegistered.class, this::onNotRegistered)
        .onMessage(RegisterElsewhere.class, this::onRegisterElsewhere)
        .onMessage(CwmGateway.Register.class, this::onMisdirectedRegister)
        .onMessage(NewPrimary.class, this::onNewPrimary)
        .onMessage(Handover.class, this::onHandover)
        .onMessage(DatabaseInSync.class, n -> userData.onDatabaseInSync(n, primary))
        .onMessage(UserDataChange.class, c -> userData.onChange(c, primary))
        .onMessage(ProvisionResult.class, userData::onProvisionResult)
        .onMessage(Provision.class, p -> userData.onProvision(p, primary, degraded, expectedPrimary))
        .onMessageEquals(ForcePrimary.INSTANCE, () -> becomePrimary("CWM-16", "operator forced this Secondary to "
            + "become Primary without a restart" + (expectedPrimary != null ? " while the role is being handed to "
            + expectedPrimary + ": the domain may now have two Primaries (CWM-17)" : degraded ? "" : " while its "
            + "Primary " + primary + " is still reachable: the domain may now have two Primaries (CWM-17)")))
        .onMessageEquals(Shutdown.INSTANCE, this::shutdown)
        .build();
  }

  private Behavior<Command> becomePrimary(String rule, String why) {
    return PrimaryRole.become(g, rule, why, Map.of());
  }

  /** CWM-17: the takeover's decision names what this gateway knew (see {@link PrimaryRole#become}). */
  private Behavior<Command> becomePrimary(String rule, String why, List<String> unheard, String after) {
    return PrimaryRole.become(g, rule, why, Map.of(), unheard, after);
  }

  // ---- Following a Primary (CWM-4, CWM-7, CWM-8) -----------------------------------------------------------

  /** Registered (CWM-4) or re-registered (CWM-7) with a Primary as S{number}: follow it. */
  private Behavior<Command> onRegistered(Registered registered, String rule, String why) {
    registeredTerm = registered.term();
    orderVersion = registered.order();
    g.cancelRoleTimers();
    primary = registered.from();
    priority = registered.priority();
    expectedPrimary = null;
    claimedPrimary.clear();
    g.trace.decision(rule, why, CwmWords.PRIMARY_VIEW, primary, CwmWords.PRIORITY, priority);
    g.trace.role(CwmWords.SECONDARY, rule);
    g.trace.attribute(CwmWords.PRIORITY, priority, rule);
    g.trace.view(CwmWords.PRIMARY_VIEW, primary);
    g.trace.view("secondaries", null);
    leaveDegraded(null);
    g.timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(g.conf().heartbeatMs()));
    armSilence();
    g.env.send(primary, new SecondaryHeartbeat(g.self));
    Behavior<Command> next = behavior();
    userData.request(primary, registered.databaseInSync());
    return next;
  }

  /** CWM-4: the answer to a repeated Register of this incarnation; nothing changed. */
  private boolean isRepeat(Registered registered) {
    return registered.from().equals(primary) && registered.term().equals(registeredTerm) && priority != null
        && priority == registered.priority();
  }

  private Behavior<Command> registerWith(String target, String rule, String why) {
    g.sendRegistration(target, rule, why);
    return Behaviors.same();
  }

  /** CWM-2: a gateway registers with this one, taking it for Primary on stale word: point it to the Primary. */
  private Behavior<Command> onMisdirectedRegister(CwmGateway.Register register) {
    if (primary != null && !primary.equals(g.self) && !degraded) {
      g.env.send(register.from(), new RegisterElsewhere(g.self, primary));
    }
    return Behaviors.same();
  }

  /** CWM-8, CWM-14: the Primary no longer lists this gateway: its number is gone; register again. */
  private Behavior<Command> onNotRegistered(NotRegistered notice) {
    if (notice.from().equals(primary) && notice.order() < orderVersion) {
      return Behaviors.same(); // sent before a newer number this gateway already holds (CWM-8)
    }
    if (notice.from().equals(primary)) {
      orderVersion = notice.order(); // an older heartbeat must not hand the number back
    }
    if (notice.from().equals(primary) && priority != null) {
      priority = null;
      g.trace.attribute(CwmWords.PRIORITY, null, "CWM-8");
    }
    return registerWith(notice.from(), "CWM-8", notice.from() + " no longer lists this gateway (it was "
        + "renumbered away while unreachable)");
  }

  private Behavior<Command> onRegisterElsewhere(RegisterElsewhere redirect) {
    if (redirect.primary().equals(primary) && priority != null) {
      return Behaviors.same(); // already registered there
    }
    return registerWith(redirect.primary(), "CWM-2", redirect.from() + " says the Primary is " + redirect.primary());
  }

  private Behavior<Command> onHeartbeat(Heartbeat heartbeat) {
    if (!heartbeat.from().equals(primary)) {
      return Behaviors.same();
    }
    armSilence();
    if (degraded) {
      leaveDegraded("heartbeat from " + primary + " received again");
      userData.request(primary, true); // CWM-18: re-sync the user tables automatically
    }
    if (heartbeat.order() < orderVersion) {
      return Behaviors.same(); // CWM-8: sent before a renumbering this gateway has already applied
    }
    orderVersion = heartbeat.order();
    int index = heartbeat.registry().indexOf(g.self);
    if (index < 0) {
      return registerWith(primary, "CWM-8", primary + " no longer lists this gateway");
    }
    if (priority == null || index + 1 != priority) {
      setPriority(index + 1, "CWM-8", "priority order in " + primary + "'s heartbeat");
    }
    return Behaviors.same();
  }

  private Behavior<Command> heartbeatPrimary() {
    if (primary != null) {
      g.env.send(primary, new SecondaryHeartbeat(g.self));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onPriorityChange(PriorityChange change) {
    if (change.from().equals(primary) && change.order() >= orderVersion) {
      orderVersion = change.order();
      setPriority(change.priority(), change.rule(), change.why());
    }
    return Behaviors.same();
  }

  private void setPriority(int number, String rule, String why) {
    Integer before = priority;
    priority = number;
    g.trace.decision(rule, "S" + before + " → S" + number + ": " + why, "from", before, "to", number);
    g.trace.attribute(CwmWords.PRIORITY, number, rule);
  }

  private Behavior<Command> onNewPrimary(NewPrimary announcement) {
    String from = announcement.from();
    if (announcement.term().equals(registeredTerm)) {
      return Behaviors.same(); // the announcement of the reign this gateway already registered under
    }
    if (from.equals(primary) || from.equals(expectedPrimary) || degraded) {
      String why = from.equals(primary) ? from + " restarted and announced itself again: priorities may change"
          : degraded ? from + " took over while this gateway had lost " + primary
          : from + " is the Primary this gateway was told to expect";
      g.trace.attribute(CwmWords.PRIORITY, null, "CWM-7");
      priority = null;
      return registerWith(from, "CWM-7", why);
    }
    claimedPrimary.add(from);
    g.trace.decision("CWM-17", "not following " + from + "'s claim to be Primary: Primary " + primary
        + " has not handed over", "rival", from);
    return Behaviors.same();
  }

  /**
   * The Primary hands over: on its graceful shutdown SP1 takes over (CWM-5, CWM-6); on USR2 the
   * ForcedSwitchOver host does (CWM-15). The others wait for the new Primary and re-register (CWM-7).
   */
  private Behavior<Command> onHandover(Handover handover) {
    if (!handover.from().equals(primary)) {
      return Behaviors.same();
    }
    if (!g.self.equals(handover.newPrimary())) {
      Behavior<Command> next = awaitNewPrimary(handover.newPrimary(), handover.rule());
      if (handover.rule().equals("CWM-17")) {
        // The winner of a resolved split is Primary already: it announces nothing, so register now (CWM-7).
        registerWith(handover.newPrimary(), "CWM-7", handover.from() + " yielded to " + handover.newPrimary()
            + ", whose reign began first (CWM-17, resolve)");
      }
      return next;
    }
    return handover.rule().equals("CWM-6")
        ? becomePrimary("CWM-5", "Primary " + handover.from() + " shut down gracefully and nominated this "
            + "gateway (SP1) to take over (CWM-6)", List.of(), handover.from())
        : becomePrimary("CWM-15", "forced switchover: Primary " + handover.from() + " handed its role to this "
            + "gateway", List.of(), handover.from());
  }

  /** Between Primaries: no number until re-registration (CWM-7). */
  private Behavior<Command> awaitNewPrimary(String nominee, String rule) {
    g.cancelRoleTimers();
    expectedPrimary = nominee;
    Behavior<Command> next = behavior();
    g.trace.decision(rule, (rule.equals("CWM-17") ? "following " + nominee + ", which kept the Primary role"
        : "waiting for " + nominee + " to take over as Primary") + "; priorities will be re-assigned by "
        + "re-registration (CWM-7)", "expected", nominee);
    g.trace.role(CwmWords.SECONDARY, rule);
    g.trace.attribute(CwmWords.PRIORITY, null, rule);
    g.trace.view("secondaries", null);
    priority = null;
    armSilence();
    if (claimedPrimary.remove(nominee)) {
      // Its announcement overtook our Primary's notice on the network: register now.
      registerWith(nominee, rule, nominee + " announced itself before the notice arrived");
    }
    return next;
  }

  private Behavior<Command> shutdown() {
    g.trace.decision("CWM-8", "shutting down gracefully: notifying Primary " + primary);
    if (primary != null) {
      g.env.send(primary, new SecondaryShutdown(g.self, g.startedAtMs));
    }
    return Behaviors.stopped();
  }

  // ---- Degraded mode and automatic switchover (CWM-10, CWM-13, CWM-14, CWM-18) -----------------------------

  private void armSilence() {
    g.timers.startSingleTimer(Tick.PRIMARY_SILENT, Duration.ofMillis(g.conf().silenceTimeoutMs()));
  }

  /** CWM-10: two heartbeats missed: degraded mode, no switchover by itself. */
  private Behavior<Command> onPrimarySilent() {
    if (degraded) {
      return Behaviors.same();
    }
    if (expectedPrimary != null && g.self.equals(primary)) {
      // CWM-15: the switchover "takes effect only if ... the named gateway is up and running": the nominee never
      // announced itself within two missed heartbeats, so it did not take effect and this gateway stays Primary
      // — unless another gateway has announced itself Primary meanwhile: then it follows that one.
      if (!claimedPrimary.isEmpty()) {
        String other = claimedPrimary.iterator().next();
        String nominee = expectedPrimary;
        // From now on it follows that one: if the Register is lost, its silence turns this gateway degraded
        // (CWM-10) and the probe finds the Primary (CWM-18) (found by hasim explore: a partition swallowed the
        // Register and the former Primary stayed a Secondary of itself for ever).
        expectedPrimary = null;
        primary = other;
        armSilence();
        return registerWith(other, "CWM-7", "the switchover to " + nominee + " did not take effect, and "
            + other + " has announced itself Primary meanwhile");
      }
      // It has heard from no peer as Primary since it handed over: any of them may have become one out of reach.
      return becomePrimary("CWM-15", "the switchover to " + expectedPrimary + " did not take effect: it has not "
          + "announced itself as Primary within " + g.conf().silenceTimeoutMs() + " ms (it is not up and running, "
          + "or out of reach); this gateway resumes the Primary role and the Secondaries re-register (CWM-7)",
          g.peers(), null);
    }
    degraded = true;
    g.trace.decision("CWM-10", "missed two consecutive heartbeats from Primary " + primary + " (none for "
        + g.conf().silenceTimeoutMs() + " ms): loss of connectivity assumed, degraded mode; no switchover by itself");
    g.trace.state(CwmWords.DEGRADED, "CWM-10");
    g.trace.view("heartbeat", "LOST");
    g.trace.view("dssync", "SUSPENDED");
    userData.onConnectionLost(primary); // CWM-12
    CwmWords.trap(g.trace, "cwmPrimaryConnectivityLost", null, "CWM-11", "lost connectivity to Primary " + primary);
    logLostConnectivity();
    g.timers.startTimerAtFixedRate(Tick.L1_REPEAT, CwmGateway.L1_REPEAT);
    g.trace.decision("CWM-18", "degraded: asking the domain every discovery window (2 × HeartBeatInterval) which "
        + "gateway is Primary, in case the role moved while this gateway was cut off");
    probePeers();
    g.timers.startTimerAtFixedRate(Tick.PROBE, Duration.ofMillis(2 * g.conf().heartbeatMs()));
    considerAutoSwitchOver();
    return Behaviors.same();
  }

  /**
   * CWM-18: a degraded Secondary asks its peers who is Primary, as a starting gateway does (CWM-2). Without
   * it a Secondary that missed the Primary's change (a handover or NewPrimary lost while it was cut off) would
   * heartbeat the old Primary forever: release 12 gets a Secondary out of degraded mode "without requiring a
   * restart", where before "the Secondary CWM had to be restarted in order to isolate the current Primary".
   */
  private Behavior<Command> probePeers() {
    if (degraded) {
      for (String peer : g.peers()) {
        g.env.send(peer, new CwmGateway.Discover(g.self, g.startedAtMs, g.listIndex(g.self)));
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onProbeReply(DiscoverReply reply) {
    if (!degraded || !CwmWords.PRIMARY.equals(reply.role()) || (reply.from().equals(primary) && priority != null)) {
      return Behaviors.same(); // its own Primary, which lists it: the heartbeats will resume
    }
    g.trace.attribute(CwmWords.PRIORITY, null, "CWM-7");
    priority = null;
    return registerWith(reply.from(), "CWM-7", reply.from() + (reply.from().equals(primary)
        ? " answers as Primary but never registered this gateway (its answer lost): registering again (CWM-18)"
        : " answers as Primary while " + primary + " is silent: the role moved while this gateway was cut off; "
            + "re-registering (CWM-18)"));
  }

  private void leaveDegraded(String why) {
    if (degraded) {
      g.trace.decision("CWM-18", (why == null ? "the Primary is heard again" : why)
          + ": leaving degraded mode and re-syncing the user tables");
      g.trace.log("L1", "CWM-18", "CWMGateway " + g.self + " has regained connectivity to the Primary CWM " + primary);
    }
    degraded = false;
    g.timers.cancel(Tick.L1_REPEAT);
    g.timers.cancel(Tick.PROBE);
    g.timers.cancel(Tick.AUTO_SWITCH);
    g.timers.cancel(Tick.CONFIRM_WINDOW_END);
    g.trace.state(CwmWords.NORMAL, why == null ? "CWM-4" : "CWM-18");
    g.trace.view("heartbeat", "OK");
  }

  private Behavior<Command> logLostConnectivity() {
    String message = "CWMGateway " + g.self + " has lost connectivity to the Primary CWM " + primary;
    g.trace.log("L1", "CWM-10", message);
    g.trace.log("console", "CWM-10", "ERROR: " + message);
    return Behaviors.same();
  }

  private void considerAutoSwitchOver() {
    if (priority == null || priority != 1) {
      return;
    }
    CwmConf conf = g.conf();
    if (!conf.autoSwitchOver()) {
      g.trace.decision("CWM-13", "SP1_AutoSwitchOver is OFF: staying degraded until the Primary returns or an "
          + "operator forces a switchover");
      return;
    }
    g.trace.decision("CWM-14", "SP1: waiting PrimaryRestartInterval (" + conf.primaryRestartIntervalS()
        + " s) for " + primary + " to come back before an automatic switchover");
    g.timers.startSingleTimer(Tick.AUTO_SWITCH, Duration.ofSeconds(conf.primaryRestartIntervalS()));
  }

  private Behavior<Command> askOthers() {
    if (!degraded) {
      return Behaviors.same();
    }
    List<String> others = new ArrayList<>(g.peers());
    others.remove(primary);
    g.trace.decision("CWM-14", primary + " still silent after PrimaryRestartInterval: asking " + others
        + " whether they have lost it too");
    answered.clear();
    for (String other : others) {
      g.env.send(other, new LostPrimaryQuery(g.self, primary));
    }
    g.timers.startSingleTimer(Tick.CONFIRM_WINDOW_END, Duration.ofMillis(g.conf().heartbeatMs()));
    return Behaviors.same();
  }

  /**
   * CWM-14, CWM-7: the Primary this gateway lost is discovering its domain: it restarted and will resume the role
   * (the Secondaries still take it for Primary). SP1 waits for it instead of taking over in the same instant,
   * which would leave two Primaries without any split.
   */
  private Behavior<Command> onLostPrimaryBack(CwmGateway.Discover discover) {
    g.env.send(discover.from(), new DiscoverReply(g.self, name(), primary, g.startedAtMs, g.listIndex(g.self)));
    if (!primaryBack && priority != null && priority == 1) {
      g.trace.decision("CWM-14", primary + " is back (it is discovering its domain after a restart): no automatic "
          + "switchover while it resumes the role (CWM-7)");
    }
    primaryBack = true;
    return Behaviors.same();
  }

  private Behavior<Command> onLostPrimaryAnswer(LostPrimaryAnswer answer) {
    answered.add(answer.from());
    if (answer.fromPrimary() && degraded && !primaryBack) {
      // Explore (10,000 schedules): SP1 took over on the word of a gateway that had become Primary behind a
      // partition. A running Primary answered: no switchover this round; the degraded probe finds it (CWM-18).
      g.trace.decision("CWM-14", answer.from() + " answers as a running Primary: no automatic switchover beside "
          + "it; the degraded probe of the domain (CWM-18) finds where the role is");
      primaryBack = true;
      return Behaviors.same();
    }
    if (!degraded || !answer.lost() || priority == null || priority != 1 || primaryBack) {
      return Behaviors.same();
    }
    g.timers.cancel(Tick.CONFIRM_WINDOW_END);
    List<String> unheard = new ArrayList<>(g.peers());
    unheard.removeAll(answered); // the silent Primary, and any peer whose answer has not arrived
    return becomePrimary("CWM-14", "automatic switchover: Primary " + primary + " silent beyond "
        + "PrimaryRestartInterval and " + answer.from() + " confirms it has lost it too; SP1 takes over and the "
        + "others re-register (CWM-7)", unheard, null);
  }

  private Behavior<Command> onNoConfirmation() {
    if (!degraded) {
      return Behaviors.same();
    }
    primaryBack = false; // if it has not resumed by the next round, it may have gone again
    int restartS = g.conf().primaryRestartIntervalS();
    g.trace.decision("CWM-14", "no other Secondary confirms losing " + primary + " (this gateway may be the "
        + "isolated one, or the only Secondary: CWM-13): staying degraded; asking again in " + restartS + " s");
    g.timers.startSingleTimer(Tick.AUTO_SWITCH, Duration.ofSeconds(restartS));
    return Behaviors.same();
  }
}
