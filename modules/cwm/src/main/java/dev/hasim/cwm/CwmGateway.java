package dev.hasim.cwm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One CWMGateway process of a Cisco WAN Manager workstation (seed 002). Three roles, each a behaviour:
 * {@link #starting()} looks for a Primary (CWM-2, CWM-3); {@link #primary()} assigns priorities first-come-
 * first-serve (CWM-4), heartbeats its Secondaries and watches theirs (CWM-10, CWM-11), arbitrates user data
 * (CWM-19); {@link #secondary()} follows its Primary, falls into degraded mode when it goes silent (CWM-10,
 * CWM-12) and, as SP1, may take over (CWM-13, CWM-14). Every decision is written to the trace with its rule.
 */
public final class CwmGateway {
  public static final String STARTING = "STARTING";
  public static final String PRIMARY = "PRIMARY";
  public static final String SECONDARY = "SECONDARY";
  public static final String NORMAL = "NORMAL";
  public static final String DEGRADED = "DEGRADED";
  public static final String CONF_FILE = "CWMGateway.conf";
  static final String DISK_NETWORK_DISCOVERED = "network_discovered";
  static final String DISK_USER_TABLES = "user_tables";
  /** CWM-10: the L1 message is repeated every 60 s while degraded. */
  static final Duration L1_REPEAT = Duration.ofSeconds(60);
  /** Bound on how long a lock waits for every Secondary's acknowledgement (CWM-19), in heartbeats. */
  static final int LOCK_TIMEOUT_HEARTBEATS = 2;

  // ---- Protocol --------------------------------------------------------------------------------------------

  public interface Command {}

  /** Messages between gateways; they travel through the fabric. */
  public interface Peer extends Command {
    String from();
  }

  record Discover(String from, long startedAtMs, int listIndex) implements Peer {}

  record DiscoverReply(String from, String role, String primary, long startedAtMs, int listIndex) implements Peer {}

  record Register(String from) implements Peer {}

  record Registered(String from, int priority, boolean databaseInSync, String term) implements Peer {}

  /** A starting gateway found an earlier starter after registering ahead with another: take it back. */
  record Withdraw(String from) implements Peer {}

  record RegisterElsewhere(String from, String primary) implements Peer {}

  record NotRegistered(String from) implements Peer {}

  /** Primary → Secondary every HeartBeatInterval; carries the priority order so numbers self-repair. */
  record Heartbeat(String from, List<String> registry) implements Peer {}

  /** Secondary → Primary every HeartBeatInterval (CWM-11, bidirectional heartbeat). */
  record SecondaryHeartbeat(String from) implements Peer {}

  record PriorityChange(String from, int priority, String rule, String why) implements Peer {}

  /** CWM-8: a Secondary is about to go away. */
  record SecondaryShutdown(String from) implements Peer {}

  /**
   * The Primary gives up its role to {@code newPrimary}: on a graceful shutdown it nominates SP1 (CWM-6),
   * on USR2 the ForcedSwitchOver host (CWM-15). {@code rule} says which.
   */
  record Handover(String from, String newPrimary, String rule) implements Peer {}

  /** A gateway has become Primary: register with it (CWM-6, CWM-7, CWM-14, CWM-15, CWM-16). */
  record NewPrimary(String from, String rule, String term) implements Peer {}

  /** CWM-14: SP1 asks the other Secondaries whether they too have lost the Primary. */
  record LostPrimaryQuery(String from, String primary) implements Peer {}

  record LostPrimaryAnswer(String from, boolean lost) implements Peer {}

  /** CWM-21: trap 28075 svDatabaseInSync, relayed to registered Secondaries. */
  record DatabaseInSync(String from) implements Peer {}

  record UserDataRequest(String from, String purpose) implements Peer {}

  record UserData(String from, UserTables tables, String purpose) implements Peer {}

  record ProvisionRequest(String from, UserTables.Change change) implements Peer {}

  record ProvisionResult(String from, UserTables.Change change, boolean ok, String why) implements Peer {}

  record UserDataChange(String from, UserTables.Change change) implements Peer {}

  record UserDataAck(String from, String lockKey) implements Peer {}

  /** Operator commands: straight to the process, not over the network. */
  public record Signal(String name) implements Command {}

  public enum ForcePrimary implements Command { INSTANCE }

  public record Provision(String table, String key, String op) implements Command {}

  /** {@code usertblDBsync HOST} and {@code usertblDBcmp HOST} (CWM-20). */
  public record UserTableScript(String script, String host) implements Command {}

  public enum Shutdown implements Command { INSTANCE }

  private enum Tick implements Command { DISCOVERY_END, HEARTBEAT, PRIMARY_SILENT, CHECK_SECONDARIES, L1_REPEAT,
    AUTO_SWITCH, CONFIRM_WINDOW_END, NETWORK_SYNCED, LOCK_EXPIRED }

  // ---- State -----------------------------------------------------------------------------------------------

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Command> timers;
  private final String self;
  private final long networkSyncMs;
  private final List<String> warnings;
  private CwmConf conf;
  private final long startedAtMs;

  // starting
  private final Map<String, DiscoverReply> replies = new TreeMap<>();
  private final List<String> pendingRegistrations = new ArrayList<>();
  /** Withdrawals that overtook their registration on the network. */
  private final Set<String> withdrawn = new java.util.TreeSet<>();
  private String registeringWith;
  // secondary
  private String primary;
  private Integer priority;
  private String expectedPrimary;
  /** Gateways that announced themselves Primary while this one followed another: the notice may come later. */
  private final Set<String> claimedPrimary = new java.util.TreeSet<>();
  private boolean degraded;
  private int confirmations;
  // primary
  private final List<String> registry = new ArrayList<>();
  private final Map<String, Long> lastHeardMs = new TreeMap<>();
  private final Set<String> lostSecondaries = new HashSet<>();
  private boolean databaseInSync;
  /** Names one reign of one Primary: host, incarnation and when it took the role. */
  private String term;
  /** The term this Secondary registered under: a NewPrimary of that same term is old news. */
  private String registeredTerm;
  private final Map<String, Lock> locks = new TreeMap<>();
  private long revision;

  private record Lock(String holder, UserTables.Change change, Set<String> awaiting) {}

  public static Behavior<Command> create(NodeEnv env, long networkSyncMs, List<String> warnings) {
    return Behaviors.setup(ctx -> new CwmGateway(env, env.timers(ctx), networkSyncMs, warnings).start());
  }

  private CwmGateway(NodeEnv env, TimerScheduler<Command> timers, long networkSyncMs, List<String> warnings) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.self = env.self();
    this.networkSyncMs = networkSyncMs;
    this.warnings = warnings;
    this.startedAtMs = env.nowMs();
  }

  // ---- STARTING (CWM-2, CWM-3) -----------------------------------------------------------------------------

  /**
   * The views every gateway keeps current are the Gateway Monitor's columns (CWM-22): {@code primary},
   * {@code heartbeat}, {@code dssync}, {@code user_data}, and on the Primary {@code secondaries}.
   */
  private Behavior<Command> start() {
    conf = readConf();
    warnings.forEach(w -> trace.warning("CWM-1", w));
    trace.view("dssync", "NONE");
    publishTables();
    startNetworkSync();
    if (peers().isEmpty()) {
      return becomePrimary("CWM-2", "alone in its domain (DomainGatewayList names no other gateway)");
    }
    discover();
    return starting();
  }

  private void discover() {
    replies.clear();
    for (String peer : peers()) {
      env.send(peer, new Discover(self, startedAtMs, listIndex(self)));
    }
    timers.startSingleTimer(Tick.DISCOVERY_END, Duration.ofMillis(2 * conf.heartbeatMs()));
  }

  private Behavior<Command> starting() {
    return common(Behaviors.receive(Command.class))
        .onMessage(DiscoverReply.class, this::onDiscoverReply)
        .onMessageEquals(Tick.DISCOVERY_END, this::decideAfterDiscovery)
        .onMessage(Register.class, this::holdRegistration)
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(Registered.class, this::onRegistered)
        .onMessage(RegisterElsewhere.class, r -> registerWith(r.primary(), "CWM-2", r.from() + " says the Primary is " + r.primary()))
        .onMessage(NewPrimary.class, this::onNewPrimaryWhileStarting)
        .onMessage(Provision.class, p -> rejectProvision(p, "this gateway is still starting"))
        .onMessageEquals(Shutdown.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onDiscoverReply(DiscoverReply reply) {
    replies.put(reply.from(), reply);
    if (PRIMARY.equals(reply.role())) {
      return registerWith(reply.from(), "CWM-2", reply.from() + " answered as Primary");
    }
    DiscoverReply earliest = earliestStarter();
    if (earliest != null && !earliest.from().equals(registeringWith)) {
      if (registeringWith != null) {
        env.send(registeringWith, new Withdraw(self)); // an even earlier starter answered late
      }
      // CWM-4: register with the gateway that will be Primary now, so the order is the order of arrival.
      registeringWith = earliest.from();
      trace.decision("CWM-3", earliest.from() + " began operation first (at " + earliest.startedAtMs()
          + " ms): registering with it ahead of its becoming Primary");
      env.send(earliest.from(), new Register(self));
    }
    if (replies.size() == peers().size() && earliest == null) {
      return decideAfterDiscovery(); // everyone answered: no need to wait out the window
    }
    return Behaviors.same();
  }

  /** The starting peer that began before this one (CWM-3: same instant → list order), or null if none. */
  private DiscoverReply earliestStarter() {
    DiscoverReply earliest = null;
    for (DiscoverReply r : replies.values()) {
      if (STARTING.equals(r.role()) && before(r.startedAtMs(), r.listIndex(), startedAtMs, listIndex(self))
          && (earliest == null || before(r.startedAtMs(), r.listIndex(), earliest.startedAtMs(), earliest.listIndex()))) {
        earliest = r;
      }
    }
    return earliest;
  }

  private static boolean before(long t1, int i1, long t2, int i2) {
    return t1 < t2 || (t1 == t2 && i1 < i2);
  }

  private Behavior<Command> decideAfterDiscovery() {
    timers.cancel(Tick.DISCOVERY_END);
    boolean takenForPrimary = false;
    String believed = null;
    for (DiscoverReply r : replies.values()) {
      if (self.equals(r.primary())) {
        takenForPrimary = true;
      } else if (r.primary() != null && believed == null) {
        believed = r.primary();
      }
    }
    if (takenForPrimary) {
      return becomePrimary("CWM-7", "restarted; the Secondaries still take this gateway for Primary, so it "
          + "resumes the role and they re-register");
    }
    if (believed != null) {
      return registerWith(believed, "CWM-2", "peers report " + believed + " as Primary");
    }
    if (earliestStarter() == null) {
      String why = replies.isEmpty()
          ? "no gateway of the domain answered within the discovery window of 2 × HeartBeatInterval (CWM-3)"
          : "no Primary yet and this gateway began operation first among " + replies.keySet() + " (CWM-3)";
      return becomePrimary("CWM-2", "first to begin operation: " + why);
    }
    discover(); // an earlier starter exists but has not become Primary yet: keep looking
    return Behaviors.same();
  }

  private Behavior<Command> onNewPrimaryWhileStarting(NewPrimary announcement) {
    if (announcement.from().equals(registeringWith)) {
      return Behaviors.same(); // already registered with it ahead of time: its answer is on the way
    }
    return registerWith(announcement.from(), "CWM-2", announcement.from() + " is Primary");
  }

  private Behavior<Command> onWithdraw(Withdraw withdraw) {
    if (!pendingRegistrations.remove(withdraw.from())) {
      withdrawn.add(withdraw.from()); // the registration itself is still on its way
    }
    return Behaviors.same();
  }

  private Behavior<Command> holdRegistration(Register register) {
    if (withdrawn.remove(register.from())) {
      return Behaviors.same();
    }
    if (!pendingRegistrations.contains(register.from())) {
      pendingRegistrations.add(register.from());
    }
    return Behaviors.same();
  }

  private Behavior<Command> registerWith(String target, String rule, String why) {
    registeringWith = target;
    trace.decision(rule, "registering with " + target + ": " + why, "primary", target);
    env.send(target, new Register(self));
    return Behaviors.same();
  }

  private Behavior<Command> onRegistered(Registered registered) {
    registeredTerm = registered.term();
    Behavior<Command> next = becomeSecondary(registered.from(), registered.priority(), "CWM-4",
        "registered with Primary " + registered.from() + " as S" + registered.priority() + " (first-come-first-serve)");
    requestUserData(registered.databaseInSync());
    for (String waiting : pendingRegistrations) {
      env.send(waiting, new RegisterElsewhere(self, registered.from()));
    }
    pendingRegistrations.clear();
    return next;
  }

  // ---- PRIMARY (CWM-4, CWM-8, CWM-11, CWM-15, CWM-19, CWM-21) -----------------------------------------------

  private Behavior<Command> becomePrimary(String rule, String why) {
    cancelRoleTimers();
    trace.decision(rule, why, "role", PRIMARY);
    trace.role(PRIMARY, rule);
    trace.state(NORMAL, rule);
    trace.priority(null, rule);
    trace.view("primary", self);
    trace.view("heartbeat", "n/a");
    primary = self;
    priority = null;
    term = self + "#" + env.incarnation() + "@" + env.nowMs();
    degraded = false;
    expectedPrimary = null;
    registry.clear();
    lastHeardMs.clear();
    lostSecondaries.clear();
    if (!STARTING.equals(trace.role()) && !rule.equals("CWM-2")) {
      trace.trap("cwmGatewaySwitchover", null, "CWM-11", self + " is now the Primary (" + rule + ")");
    }
    trace.view("dssync", databaseInSync ? "IN_SYNC" : "NETWORK_SYNC");
    timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(conf.heartbeatMs()));
    timers.startTimerAtFixedRate(Tick.CHECK_SECONDARIES, Duration.ofMillis(conf.heartbeatMs()));
    for (String peer : peers()) {
      env.send(peer, new NewPrimary(self, rule, term));
    }
    for (String waiting : new ArrayList<>(pendingRegistrations)) {
      register(waiting);
    }
    pendingRegistrations.clear();
    reportSecondaries();
    return primary();
  }

  private Behavior<Command> primary() {
    return common(Behaviors.receive(Command.class))
        .onMessage(Register.class, r -> register(r.from()))
        .onMessage(SecondaryHeartbeat.class, this::onSecondaryHeartbeat)
        .onMessage(SecondaryShutdown.class, s -> deregister(s.from(), "CWM-8", "shut down gracefully"))
        .onMessageEquals(Tick.HEARTBEAT, this::sendHeartbeats)
        .onMessageEquals(Tick.CHECK_SECONDARIES, this::checkSecondaries)
        .onMessage(NewPrimary.class, this::onRivalPrimary)
        .onMessage(Handover.class, h -> ignored(h, "CWM-17", "this gateway is Primary too"))
        .onMessage(ProvisionRequest.class, r -> arbitrate(r.from(), r.change()))
        .onMessage(Provision.class, p -> arbitrate(self, change(p)))
        .onMessage(UserDataAck.class, this::onUserDataAck)
        .onMessageEquals(Tick.LOCK_EXPIRED, this::expireLocks)
        .onMessageEquals(ForcePrimary.INSTANCE, () -> noEffect("CWM-16", "force_primary: already Primary"))
        .onMessageEquals(Shutdown.INSTANCE, this::primaryShutdown)
        .build();
  }

  private Behavior<Command> register(String secondary) {
    boolean again = registry.contains(secondary);
    if (again) {
      // CWM-8: a restarted Secondary re-registers; its old number is freed first, then it gets the last one.
      deregister(secondary, "CWM-8", "restarted and re-registered");
    }
    registry.add(secondary);
    lastHeardMs.put(secondary, env.nowMs());
    lostSecondaries.remove(secondary);
    int number = registry.size();
    trace.decision("CWM-4", secondary + " registered: S" + number + " (first-come-first-serve"
        + (again ? ", after its restart" : "") + ")", "secondary", secondary, "priority", number);
    env.send(secondary, new Registered(self, number, databaseInSync, term));
    reportSecondaries();
    return Behaviors.same();
  }

  /** CWM-8: Sn leaves; every Sm with m > n becomes S(m−1), every Sm with m < n keeps its number. */
  private Behavior<Command> deregister(String secondary, String rule, String why) {
    int index = registry.indexOf(secondary);
    if (index < 0) {
      return Behaviors.same();
    }
    int n = index + 1;
    registry.remove(index);
    lastHeardMs.remove(secondary);
    lostSecondaries.remove(secondary);
    trace.decision(rule, secondary + " (S" + n + ") " + why + ": it leaves the priority list", "secondary",
        secondary, "priority", n);
    String reason = secondary + " (S" + n + ") " + why + ", Sm with m > n moves up (" + rule + ")";
    for (int i = index; i < registry.size(); i++) {
      String moved = registry.get(i);
      trace.decision(rule, moved + " S" + (i + 2) + " → S" + (i + 1) + ": " + reason, "secondary", moved,
          "from", i + 2, "to", i + 1);
      env.send(moved, new PriorityChange(self, i + 1, rule, reason));
    }
    reportSecondaries();
    return Behaviors.same();
  }

  private Behavior<Command> onSecondaryHeartbeat(SecondaryHeartbeat heartbeat) {
    if (!registry.contains(heartbeat.from())) {
      env.send(heartbeat.from(), new NotRegistered(self));
      return Behaviors.same();
    }
    lastHeardMs.put(heartbeat.from(), env.nowMs());
    if (lostSecondaries.remove(heartbeat.from())) {
      trace.trap("cwmSecondaryConnectivityRestored", null, "CWM-11", "heartbeats from " + heartbeat.from()
          + " arrive again");
      reportSecondaries();
    }
    return Behaviors.same();
  }

  private Behavior<Command> sendHeartbeats() {
    List<String> order = List.copyOf(registry);
    for (String secondary : order) {
      env.send(secondary, new Heartbeat(self, order));
    }
    return Behaviors.same();
  }

  /** CWM-11: the Primary sees each Secondary's connectivity; CWM-14: a lost SP1 is renumbered away. */
  private Behavior<Command> checkSecondaries() {
    long now = env.nowMs();
    for (String secondary : List.copyOf(registry)) {
      if (now - lastHeardMs.getOrDefault(secondary, now) > conf.silenceTimeoutMs()
          && lostSecondaries.add(secondary)) {
        trace.trap("cwmSecondaryConnectivityLost", null, "CWM-11", "no heartbeat from " + secondary + " for "
            + conf.silenceTimeoutMs() + " ms");
      }
    }
    while (!registry.isEmpty() && lostSecondaries.contains(registry.get(0))) {
      deregister(registry.get(0), "CWM-14", "is unreachable (its bidirectional heartbeat is lost)");
    }
    reportSecondaries();
    return Behaviors.same();
  }

  private Behavior<Command> onRivalPrimary(NewPrimary announcement) {
    if (registry.contains(announcement.from())) {
      deregister(announcement.from(), "CWM-17", "claims to be Primary itself");
    }
    trace.decision("CWM-17", announcement.from() + " announces itself Primary while this gateway is Primary: "
        + "the domain has several Primaries until an operator acts", "rival", announcement.from());
    return Behaviors.same();
  }

  private Behavior<Command> primaryShutdown() {
    String nominee = registry.isEmpty() ? null : registry.get(0);
    trace.decision("CWM-6", "shutting down gracefully: notifying " + registry.size() + " Secondaries"
        + (nominee == null ? "" : "; nominating SP1 " + nominee + " as the new Primary"));
    for (String secondary : registry) {
      env.send(secondary, new Handover(self, nominee, "CWM-6"));
    }
    return Behaviors.stopped();
  }

  /** CWM-15: only USR2 reads ForcedSwitchOver; three conditions, else refused. */
  private Behavior<Command> forcedSwitchOver() {
    CwmConf onDisk = readConf();
    String target = onDisk.forcedSwitchOver();
    if (target == null) {
      return noEffect("CWM-15", "USR2: ForcedSwitchOver is empty in " + CONF_FILE + "; nothing to do");
    }
    if (!registry.contains(target)) {
      return noEffect("CWM-15", "USR2: forced switchover to " + target + " refused: it is not a registered, "
          + "running Secondary of this Primary");
    }
    if (lostSecondaries.contains(target)) {
      return noEffect("CWM-15", "USR2: forced switchover to " + target + " refused: no IP connectivity "
          + "(its heartbeats are missing)");
    }
    trace.decision("CWM-15", "USR2: forced switchover to " + target + " (up, running, reachable); this gateway "
        + "becomes a Secondary and every Secondary re-registers (CWM-7)", "target", target);
    for (String secondary : registry) {
      env.send(secondary, new Handover(self, target, "CWM-15"));
    }
    return awaitNewPrimary(target, "CWM-15");
  }

  private Behavior<Command> onUserDataRequest(UserDataRequest request) {
    if (!databaseInSync) {
      return Behaviors.same(); // CWM-21: answered with DatabaseInSync once the network sync completes
    }
    env.send(request.from(), new UserData(self, tables().copy(), request.purpose()));
    return Behaviors.same();
  }

  /** CWM-19: the Primary locks the element, applies the change, propagates it, unlocks on every ack. */
  private Behavior<Command> arbitrate(String requester, UserTables.Change change) {
    String lockKey = change.table() + "/" + change.key();
    Lock held = locks.get(lockKey);
    if (held != null) {
      String why = "lock on " + lockKey + " is held by " + held.holder();
      trace.decision("CWM-19", "provision from " + requester + " refused: " + why, "provision", "refused");
      if (!requester.equals(self)) {
        env.send(requester, new ProvisionResult(self, change, false, why));
      }
      return Behaviors.same();
    }
    UserTables.Change stamped = new UserTables.Change(change.table(), change.key(), change.op(),
        change.op().equals("delete") ? null : "rev-" + (++revision) + "@" + requester);
    Set<String> awaiting = new java.util.TreeSet<>();
    for (String secondary : registry) {
      if (!lostSecondaries.contains(secondary)) {
        awaiting.add(secondary);
      }
    }
    trace.decision("CWM-19", requester + " " + change.op() + "s " + lockKey + ": lock granted by the Primary, "
        + "change propagated to " + registry.size() + " Secondaries", "provision", "accepted", "lock", lockKey);
    tables().apply(stamped);
    publishTables();
    for (String secondary : registry) {
      env.send(secondary, new UserDataChange(self, stamped));
    }
    if (!requester.equals(self)) {
      env.send(requester, new ProvisionResult(self, stamped, true, "applied by the Primary"));
    }
    if (!awaiting.isEmpty()) {
      locks.put(lockKey, new Lock(requester, stamped, awaiting));
      timers.startSingleTimer(Tick.LOCK_EXPIRED, Duration.ofMillis(LOCK_TIMEOUT_HEARTBEATS * conf.heartbeatMs()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onUserDataAck(UserDataAck ack) {
    Lock lock = locks.get(ack.lockKey());
    if (lock != null) {
      lock.awaiting().remove(ack.from());
      if (lock.awaiting().isEmpty()) {
        locks.remove(ack.lockKey());
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> expireLocks() {
    for (String key : List.copyOf(locks.keySet())) {
      trace.decision("CWM-19", "lock on " + key + " released after " + LOCK_TIMEOUT_HEARTBEATS
          + " heartbeats without every acknowledgement " + locks.get(key).awaiting());
    }
    locks.clear();
    return Behaviors.same();
  }

  private void reportSecondaries() {
    StringBuilder status = new StringBuilder();
    for (int i = 0; i < registry.size(); i++) {
      String s = registry.get(i);
      status.append(i == 0 ? "" : " ").append("S").append(i + 1).append('=').append(s)
          .append(lostSecondaries.contains(s) ? "(LOST)" : "");
    }
    trace.view("secondaries", status.length() == 0 ? "none" : status.toString());
  }

  // ---- SECONDARY (CWM-5..CWM-14, CWM-18) --------------------------------------------------------------------

  private Behavior<Command> becomeSecondary(String newPrimary, int number, String rule, String why) {
    cancelRoleTimers();
    primary = newPrimary;
    priority = number;
    expectedPrimary = null;
    claimedPrimary.clear();
    registeringWith = null;
    trace.decision(rule, why, "primary", newPrimary, "priority", number);
    trace.role(SECONDARY, rule);
    trace.priority(number, rule);
    trace.view("primary", newPrimary);
    trace.view("secondaries", null);
    leaveDegraded(null);
    timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(conf.heartbeatMs()));
    armSilence();
    env.send(primary, new SecondaryHeartbeat(self));
    return secondary();
  }

  private Behavior<Command> secondary() {
    return common(Behaviors.receive(Command.class))
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessageEquals(Tick.HEARTBEAT, this::heartbeatPrimary)
        .onMessageEquals(Tick.PRIMARY_SILENT, this::onPrimarySilent)
        .onMessageEquals(Tick.L1_REPEAT, this::logLostConnectivity)
        .onMessageEquals(Tick.AUTO_SWITCH, this::askOthers)
        .onMessageEquals(Tick.CONFIRM_WINDOW_END, this::onNoConfirmation)
        .onMessage(LostPrimaryAnswer.class, this::onLostPrimaryAnswer)
        .onMessage(PriorityChange.class, this::onPriorityChange)
        .onMessage(Registered.class, this::onReRegistered)
        .onMessage(NotRegistered.class, n -> registerWith(n.from(), "CWM-8", n.from() + " no longer lists "
            + "this gateway (it was renumbered away while unreachable)"))
        .onMessage(RegisterElsewhere.class, this::onRegisterElsewhere)
        .onMessage(NewPrimary.class, this::onNewPrimary)
        .onMessage(Handover.class, this::onHandover)
        .onMessage(DatabaseInSync.class, this::onDatabaseInSync)
        .onMessage(UserDataChange.class, this::onUserDataChange)
        .onMessage(ProvisionResult.class, this::onProvisionResult)
        .onMessage(Provision.class, this::provisionAsSecondary)
        .onMessageEquals(ForcePrimary.INSTANCE, () -> becomePrimary("CWM-16", "operator forced this Secondary to "
            + "become Primary without a restart" + (degraded ? "" : " while its Primary " + primary
            + " is still reachable: the domain may now have two Primaries (CWM-17)")))
        .onMessageEquals(Shutdown.INSTANCE, this::secondaryShutdown)
        .build();
  }

  private Behavior<Command> onRegisterElsewhere(RegisterElsewhere redirect) {
    if (redirect.primary().equals(primary) && priority != null) {
      return Behaviors.same(); // already registered there
    }
    return registerWith(redirect.primary(), "CWM-2", redirect.from() + " says the Primary is " + redirect.primary());
  }

  private Behavior<Command> onReRegistered(Registered registered) {
    registeredTerm = registered.term();
    Behavior<Command> next = becomeSecondary(registered.from(), registered.priority(), "CWM-7",
        "re-registered with Primary " + registered.from() + " as S" + registered.priority()
            + " (new order = order of re-registration)");
    requestUserData(registered.databaseInSync());
    return next;
  }

  private Behavior<Command> onHeartbeat(Heartbeat heartbeat) {
    if (!heartbeat.from().equals(primary)) {
      return Behaviors.same();
    }
    armSilence();
    if (degraded) {
      leaveDegraded("heartbeat from " + primary + " received again");
      requestUserData(true); // CWM-18: re-sync the user tables automatically
    }
    int index = heartbeat.registry().indexOf(self);
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
      env.send(primary, new SecondaryHeartbeat(self));
    }
    return Behaviors.same();
  }

  /** CWM-10: two heartbeats missed: degraded mode, no switchover by itself. */
  private Behavior<Command> onPrimarySilent() {
    if (degraded) {
      return Behaviors.same();
    }
    degraded = true;
    trace.decision("CWM-10", "missed two consecutive heartbeats from Primary " + primary + " (none for "
        + conf.silenceTimeoutMs() + " ms): loss of connectivity assumed, degraded mode; no switchover by itself");
    trace.state(DEGRADED, "CWM-10");
    trace.view("heartbeat", "LOST");
    trace.view("dssync", "SUSPENDED");
    trace.trap("cwmPrimaryConnectivityLost", null, "CWM-11", "lost connectivity to Primary " + primary);
    logLostConnectivity();
    timers.startTimerAtFixedRate(Tick.L1_REPEAT, L1_REPEAT);
    considerAutoSwitchOver();
    return Behaviors.same();
  }

  private Behavior<Command> logLostConnectivity() {
    String message = "CWMGateway " + self + " has lost connectivity to the Primary CWM " + primary;
    trace.log("L1", "CWM-10", message);
    trace.log("console", "CWM-10", "ERROR: " + message);
    return Behaviors.same();
  }

  private void considerAutoSwitchOver() {
    if (priority == null || priority != 1) {
      return;
    }
    if (!conf.autoSwitchOver()) {
      trace.decision("CWM-13", "SP1_AutoSwitchOver is OFF: staying degraded until the Primary returns or an "
          + "operator forces a switchover");
      return;
    }
    trace.decision("CWM-14", "SP1: waiting PrimaryRestartInterval (" + conf.primaryRestartIntervalS()
        + " s) for " + primary + " to come back before an automatic switchover");
    timers.startSingleTimer(Tick.AUTO_SWITCH, Duration.ofSeconds(conf.primaryRestartIntervalS()));
  }

  private Behavior<Command> askOthers() {
    if (!degraded) {
      return Behaviors.same();
    }
    confirmations = 0;
    List<String> others = new ArrayList<>(peers());
    others.remove(primary);
    trace.decision("CWM-14", primary + " still silent after PrimaryRestartInterval: asking " + others
        + " whether they have lost it too");
    for (String other : others) {
      env.send(other, new LostPrimaryQuery(self, primary));
    }
    timers.startSingleTimer(Tick.CONFIRM_WINDOW_END, Duration.ofMillis(conf.heartbeatMs()));
    return Behaviors.same();
  }

  private Behavior<Command> onLostPrimaryAnswer(LostPrimaryAnswer answer) {
    if (!degraded || !answer.lost() || priority == null || priority != 1) {
      return Behaviors.same();
    }
    timers.cancel(Tick.CONFIRM_WINDOW_END);
    return becomePrimary("CWM-14", "automatic switchover: Primary " + primary + " silent beyond "
        + "PrimaryRestartInterval and " + answer.from() + " confirms it has lost it too; SP1 takes over and the "
        + "others re-register (CWM-7)");
  }

  private Behavior<Command> onNoConfirmation() {
    if (!degraded) {
      return Behaviors.same();
    }
    trace.decision("CWM-14", "no other Secondary confirms losing " + primary + " (this gateway may be the "
        + "isolated one, or the only Secondary: CWM-13): staying degraded; asking again in "
        + conf.primaryRestartIntervalS() + " s");
    timers.startSingleTimer(Tick.AUTO_SWITCH, Duration.ofSeconds(conf.primaryRestartIntervalS()));
    return Behaviors.same();
  }

  private Behavior<Command> onPriorityChange(PriorityChange change) {
    if (change.from().equals(primary)) {
      setPriority(change.priority(), change.rule(), change.why());
    }
    return Behaviors.same();
  }

  private void setPriority(int number, String rule, String why) {
    Integer before = priority;
    priority = number;
    trace.decision(rule, "S" + before + " → S" + number + ": " + why, "from", before, "to", number);
    trace.priority(number, rule);
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
      trace.priority(null, "CWM-7");
      priority = null;
      return registerWith(from, "CWM-7", why);
    }
    claimedPrimary.add(from);
    trace.decision("CWM-17", "not following " + from + "'s claim to be Primary: Primary " + primary
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
    if (!self.equals(handover.newPrimary())) {
      return awaitNewPrimary(handover.newPrimary(), handover.rule());
    }
    return handover.rule().equals("CWM-6")
        ? becomePrimary("CWM-5", "Primary " + handover.from() + " shut down gracefully and nominated this "
            + "gateway (SP1) to take over (CWM-6)")
        : becomePrimary("CWM-15", "forced switchover: Primary " + handover.from() + " handed its role to this "
            + "gateway");
  }

  /** Between Primaries: no number until re-registration (CWM-7). */
  private Behavior<Command> awaitNewPrimary(String nominee, String rule) {
    cancelRoleTimers();
    expectedPrimary = nominee;
    Behavior<Command> next = secondary();
    trace.decision(rule, "waiting for " + nominee + " to take over as Primary; priorities will be re-assigned "
        + "by re-registration (CWM-7)", "expected", nominee);
    trace.role(SECONDARY, rule);
    trace.priority(null, rule);
    trace.view("secondaries", null);
    priority = null;
    registry.clear();
    armSilence();
    if (claimedPrimary.remove(nominee)) {
      // Its announcement overtook our Primary's notice on the network: register now.
      registerWith(nominee, rule, nominee + " announced itself before the notice arrived");
    }
    return next;
  }

  private Behavior<Command> secondaryShutdown() {
    trace.decision("CWM-8", "shutting down gracefully: notifying Primary " + primary);
    if (primary != null) {
      env.send(primary, new SecondaryShutdown(self));
    }
    return Behaviors.stopped();
  }

  private void leaveDegraded(String why) {
    if (degraded) {
      trace.decision("CWM-18", (why == null ? "the Primary is heard again" : why)
          + ": leaving degraded mode and re-syncing the user tables");
      trace.log("L1", "CWM-18", "CWMGateway " + self + " has regained connectivity to the Primary CWM " + primary);
    }
    degraded = false;
    timers.cancel(Tick.L1_REPEAT);
    timers.cancel(Tick.AUTO_SWITCH);
    timers.cancel(Tick.CONFIRM_WINDOW_END);
    trace.state(NORMAL, why == null ? "CWM-4" : "CWM-18");
    trace.view("heartbeat", "OK");
  }

  private void armSilence() {
    timers.startSingleTimer(Tick.PRIMARY_SILENT, Duration.ofMillis(conf.silenceTimeoutMs()));
  }

  // ---- User data as a Secondary (CWM-12, CWM-18, CWM-19, CWM-21) --------------------------------------------

  private void requestUserData(boolean primaryInSync) {
    if (!primaryInSync) {
      trace.decision("CWM-21", "waiting for Primary " + primary + " to finish syncing with the network "
          + "(trap 28075 svDatabaseInSync) before pulling user data");
      trace.view("dssync", "WAITING_FOR_PRIMARY");
      return;
    }
    trace.view("dssync", "SYNCING");
    env.send(primary, new UserDataRequest(self, "sync"));
  }

  private Behavior<Command> onDatabaseInSync(DatabaseInSync notice) {
    if (notice.from().equals(primary)) {
      requestUserData(true);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onUserData(UserData data) {
    if (data.purpose().equals("sync") && data.from().equals(primary)) {
      replaceTables(data.tables());
      trace.decision("CWM-19", "user tables received from Primary " + primary + " (" + data.tables().rows()
          + " rows)");
      trace.view("dssync", "IN_SYNC");
    }
    return Behaviors.same();
  }

  private Behavior<Command> onUserDataChange(UserDataChange change) {
    if (change.from().equals(primary)) {
      tables().apply(change.change());
      publishTables();
      env.send(primary, new UserDataAck(self, change.change().table() + "/" + change.change().key()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> provisionAsSecondary(Provision provision) {
    if (degraded) {
      return rejectProvision(provision, "degraded mode: adding, deleting or modifying user data is suspended on "
          + "a Secondary until the Primary is reachable (CWM-12)");
    }
    UserTables.Change change = change(provision);
    trace.decision("CWM-19", "provision " + change.op() + " " + change.table() + "/" + change.key()
        + ": requesting the lock from Primary " + primary);
    env.send(primary, new ProvisionRequest(self, change));
    return Behaviors.same();
  }

  private Behavior<Command> onProvisionResult(ProvisionResult result) {
    trace.decision("CWM-19", "provision " + result.change().table() + "/" + result.change().key() + " "
        + (result.ok() ? "done" : "refused") + ": " + result.why(), "provision", result.ok() ? "accepted" : "refused");
    return Behaviors.same();
  }

  private Behavior<Command> rejectProvision(Provision provision, String why) {
    trace.decision("CWM-12", "provision " + provision.op() + " " + provision.table() + "/" + provision.key()
        + " rejected: " + why, "provision", "rejected");
    return Behaviors.same();
  }

  // ---- Every role ------------------------------------------------------------------------------------------

  private BehaviorBuilder<Command> common(BehaviorBuilder<Command> builder) {
    return builder
        .onMessage(Discover.class, this::onDiscover)
        .onMessage(LostPrimaryQuery.class, this::onLostPrimaryQuery)
        .onMessage(Signal.class, this::onSignal)
        .onMessage(UserTableScript.class, this::onUserTableScript)
        .onMessage(UserData.class, this::onUserDataForScript)
        .onMessage(UserDataRequest.class, this::onUserDataRequestForScript)
        .onMessageEquals(Tick.NETWORK_SYNCED, this::onNetworkSynced);
  }

  private Behavior<Command> onDiscover(Discover discover) {
    String role = trace.role();
    env.send(discover.from(), new DiscoverReply(self, STARTING.equals(role) ? STARTING : role, primary,
        startedAtMs, listIndex(self)));
    return Behaviors.same();
  }

  private Behavior<Command> onLostPrimaryQuery(LostPrimaryQuery query) {
    boolean lost = SECONDARY.equals(trace.role()) && degraded && query.primary().equals(primary);
    env.send(query.from(), new LostPrimaryAnswer(self, lost));
    if (lost) {
      trace.decision("CWM-14", "confirming to " + query.from() + " that Primary " + primary + " is lost here too");
    }
    return Behaviors.same();
  }

  /** CWM-15: only USR2 reads ForcedSwitchOver. HUP and USR1 re-read the other keys (Model). */
  private Behavior<Command> onSignal(Signal signal) {
    switch (signal.name()) {
      case "USR2":
        if (PRIMARY.equals(trace.role())) {
          return forcedSwitchOver();
        }
        return noEffect("CWM-15", "USR2: ForcedSwitchOver is used only by the Primary; this gateway is "
            + trace.role());
      case "HUP":
      case "USR1": {
        CwmConf reread = readConf();
        conf = new CwmConf(conf.domainGatewayList(), conf.forcedSwitchOver(), reread.heartBeatIntervalS(),
            reread.autoSwitchOver(), reread.primaryRestartIntervalS());
        return noEffect("CWM-15", signal.name() + ": " + CONF_FILE + " re-read (HeartBeatInterval "
            + conf.heartBeatIntervalS() + ", SP1_AutoSwitchOver " + (conf.autoSwitchOver() ? "ON" : "OFF")
            + ", PrimaryRestartInterval " + conf.primaryRestartIntervalS() + "); ForcedSwitchOver is not read on "
            + signal.name() + ", only on USR2");
      }
      default:
        return noEffect("CWM-15", "signal " + signal.name() + " has no meaning to CWMGateway");
    }
  }

  private Behavior<Command> onUserTableScript(UserTableScript script) {
    env.send(script.host(), new UserDataRequest(self, script.script()));
    trace.decision("CWM-20", script.script() + " " + script.host() + ": fetching " + script.host()
        + "'s user tables");
    return Behaviors.same();
  }

  /** usertblDBsync / usertblDBcmp answers; a Secondary's sync data is handled by its role. */
  private Behavior<Command> onUserDataForScript(UserData data) {
    if (data.purpose().equals("usertblDBsync")) {
      replaceTables(data.tables());
      trace.decision("CWM-20", "usertblDBsync " + data.from() + ": local user tables destroyed and replaced by "
          + data.from() + "'s (" + data.tables().rows() + " rows)");
    } else if (data.purpose().equals("usertblDBcmp")) {
      List<String> verdicts = tables().compare(data.tables());
      Map<String, Object> perTable = new LinkedHashMap<>();
      for (int i = 0; i < UserTables.TABLES.size(); i++) {
        String table = UserTables.TABLES.get(i);
        perTable.put(table, verdicts.get(i));
        trace.log("script", "CWM-20", "Comparing Table " + table + "@" + self + " with " + table + "@"
            + data.from() + ".....[" + verdicts.get(i) + "]");
      }
      trace.decision("CWM-20", "usertblDBcmp " + data.from() + ": " + (verdicts.contains("DIFFERENT")
          ? "tables differ" : "all tables SAME"), "tables", perTable);
    } else if (SECONDARY.equals(trace.role())) {
      return onUserData(data);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onUserDataRequestForScript(UserDataRequest request) {
    if (request.purpose().equals("sync") && PRIMARY.equals(trace.role())) {
      return onUserDataRequest(request);
    }
    if (!request.purpose().equals("sync")) {
      env.send(request.from(), new UserData(self, tables().copy(), request.purpose()));
    }
    return Behaviors.same();
  }

  /** CWM-21: network discovery done; a Primary tells its Secondaries they may pull user data. */
  private Behavior<Command> onNetworkSynced() {
    databaseInSync = true;
    env.disk().put(DISK_NETWORK_DISCOVERED, Boolean.TRUE);
    trace.trap("svDatabaseInSync", 28075, "CWM-21", self + " has finished syncing with the network");
    if (PRIMARY.equals(trace.role())) {
      trace.view("dssync", "IN_SYNC");
      for (String secondary : registry) {
        env.send(secondary, new DatabaseInSync(self));
      }
    }
    return Behaviors.same();
  }

  private void startNetworkSync() {
    if (Boolean.TRUE.equals(env.disk().get(DISK_NETWORK_DISCOVERED)) || networkSyncMs == 0) {
      databaseInSync = true;
      env.disk().put(DISK_NETWORK_DISCOVERED, Boolean.TRUE);
      return;
    }
    timers.startSingleTimer(Tick.NETWORK_SYNCED, Duration.ofMillis(networkSyncMs));
  }

  private Behavior<Command> noEffect(String rule, String why) {
    trace.decision(rule, why);
    return Behaviors.same();
  }

  private Behavior<Command> ignored(Peer message, String rule, String why) {
    trace.decision(rule, "ignoring " + message.getClass().getSimpleName() + " from " + message.from() + ": " + why);
    return Behaviors.same();
  }

  private void cancelRoleTimers() {
    for (Tick tick : List.of(Tick.DISCOVERY_END, Tick.HEARTBEAT, Tick.PRIMARY_SILENT, Tick.CHECK_SECONDARIES,
        Tick.L1_REPEAT, Tick.AUTO_SWITCH, Tick.CONFIRM_WINDOW_END)) {
      timers.cancel(tick);
    }
  }

  private List<String> peers() {
    List<String> peers = new ArrayList<>(conf.domainGatewayList());
    peers.remove(self);
    return peers;
  }

  private int listIndex(String host) {
    return conf.domainGatewayList().indexOf(host);
  }

  private CwmConf readConf() {
    try {
      return CwmConf.parse((String) env.disk().get(CONF_FILE), self);
    } catch (CwmConf.ConfException e) {
      // The loader validated the file; an operator's later edit can still break it. Keep the last good one.
      trace.warning("CWM-23", CONF_FILE + " line " + (e.line + 1) + ": " + e.getMessage()
          + "; keeping the configuration in use");
      return conf;
    }
  }

  private UserTables tables() {
    return (UserTables) env.disk().computeIfAbsent(DISK_USER_TABLES, k -> new UserTables());
  }

  private void replaceTables(UserTables replacement) {
    env.disk().put(DISK_USER_TABLES, replacement.copy());
    publishTables();
  }

  private void publishTables() {
    trace.view("user_data", tables().fingerprint());
  }

  private UserTables.Change change(Provision provision) {
    return new UserTables.Change(provision.table(), provision.key(), provision.op(), null);
  }
}
