package dev.hasim.cwm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One CWMGateway process of a Cisco WAN Manager workstation (seed 002): its protocol, what every role shares
 * (its configuration file, user tables, network sync) and the messages every role answers alike. Three roles,
 * each a behaviour with its own state: {@link StartingRole} looks for a Primary (CWM-2, CWM-3);
 * {@link PrimaryRole} assigns priorities first-come-first-serve (CWM-4), heartbeats its Secondaries and
 * watches theirs (CWM-10, CWM-11), arbitrates user data (CWM-19); {@link SecondaryRole} follows its Primary,
 * falls into degraded mode when it goes silent (CWM-10, CWM-12) and, as SP1, may take over (CWM-13, CWM-14).
 * Every decision is written to the trace with its rule.
 */
public final class CwmGateway {
  public static final String CONF_FILE = CwmConf.FILE_NAME;
  static final String DISK_NETWORK_DISCOVERED = "network_discovered";
  static final String DISK_USER_TABLES = "user_tables";
  /** CWM-6: the nominee a graceful shutdown handed the Primary role to; read (and forgotten) at the next start. */
  static final String DISK_HANDED_OVER = "handed_over_to";
  /** The view of this workstation's copy of the network data (CWM-12); absent until it has any. */
  static final String NETWORK_DATA_VIEW = "network_data";
  /** CWM-10: the L1 message is repeated every 60 s while degraded. */
  static final Duration L1_REPEAT = Duration.ofSeconds(60);
  /** Bound on how long a lock waits for every Secondary's acknowledgement (CWM-19), in heartbeats. */
  static final int LOCK_TIMEOUT_HEARTBEATS = 2;

  // ---- Protocol --------------------------------------------------------------------------------------------

  public sealed interface Command {}

  /** Messages between gateways; they travel through the fabric. */
  public sealed interface Peer extends Command {
    String from();
  }

  record Discover(String from, long startedAtMs, int listIndex) implements Peer {}

  record DiscoverReply(String from, String role, String primary, long startedAtMs, int listIndex) implements Peer {}

  /**
   * {@code startedAtMs} names the registrant's incarnation: the Primary renumbers only a Secondary that has
   * restarted (CWM-8), never one whose Register merely arrived twice (CWM-4).
   */
  record Register(String from, long startedAtMs) implements Peer {}

  /** {@code order}: the version of the Primary's list this number belongs to (see {@link Heartbeat}). */
  record Registered(String from, int priority, boolean databaseInSync, String term, long order) implements Peer {}

  /** A starting gateway found an earlier starter after registering ahead with another: take it back. */
  record Withdraw(String from) implements Peer {}

  record RegisterElsewhere(String from, String primary) implements Peer {}

  /** {@code order}: the version of the Primary's list that no longer holds the receiver (see {@link Heartbeat}). */
  record NotRegistered(String from, long order) implements Peer {}

  /**
   * Primary → Secondary every HeartBeatInterval; carries the priority order so numbers self-repair.
   * {@code order} versions the Primary's list: it grows with every registration and renumbering, so a
   * Secondary never lets an older heartbeat, overtaken on the network, undo a newer number (CWM-8).
   */
  record Heartbeat(String from, List<String> registry, long order) implements Peer {}

  /** Secondary → Primary every HeartBeatInterval (CWM-11, bidirectional heartbeat). */
  record SecondaryHeartbeat(String from) implements Peer {}

  record PriorityChange(String from, int priority, String rule, String why, long order) implements Peer {}

  /** CWM-8: a Secondary is about to go away. */
  record SecondaryShutdown(String from, long startedAtMs) implements Peer {}

  /**
   * The Primary gives up its role to {@code newPrimary}: on a graceful shutdown it nominates SP1 (CWM-6),
   * on USR2 the ForcedSwitchOver host (CWM-15). {@code rule} says which.
   */
  record Handover(String from, String newPrimary, String rule) implements Peer {}

  /**
   * CWM-17, resolve policy: a Primary tells the peers it does not list that it is Primary, every discovery
   * window; {@code reignStartMs} and {@code listIndex} decide which of two Primaries keeps the role.
   */
  record PrimaryClaim(String from, long reignStartMs, int listIndex) implements Peer {}

  /**
   * A gateway has become Primary: register with it (CWM-6, CWM-7, CWM-14, CWM-15, CWM-16). {@code startedAtMs}
   * names its incarnation, so a gateway that registered ahead with an earlier one knows to register again.
   */
  record NewPrimary(String from, String rule, String term, long startedAtMs) implements Peer {}

  /** CWM-14: SP1 asks the other Secondaries whether they too have lost the Primary. */
  record LostPrimaryQuery(String from, String primary) implements Peer {}

  record LostPrimaryAnswer(String from, boolean lost, boolean fromPrimary) implements Peer {}

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

  /** CWM-12: a user provisions network data from this workstation; it goes to the network, not to the Primary. */
  public record NetworkProvision(NetworkData.Change change) implements Command {}

  /**
   * CWM-12: the network reports a change of network data to this workstation (the seed's Robust Trap or SNMP).
   * It comes from the managed network, which hasim does not model as nodes, so never through the fabric.
   */
  public record RobustTrap(NetworkData.Change change) implements Command {}

  /** CWM-21: the operator starts ({@code start}) or exits ({@code exit}) the Configurator on this workstation. */
  public record ConfiguratorCommand(String op) implements Command {}

  public enum Shutdown implements Command { INSTANCE }

  /** Timer messages: internal to the gateway and its roles. */
  enum Tick implements Command { DISCOVERY_END, HEARTBEAT, PRIMARY_SILENT, CHECK_SECONDARIES, L1_REPEAT,
    AUTO_SWITCH, CONFIRM_WINDOW_END, NETWORK_SYNCED, LOCK_EXPIRED, PROBE, CLAIM }

  /** What a role tells the messages every role answers: its name, whom it follows, its USR2. */
  interface Role {
    String name();

    /** The Primary this gateway takes, or null. */
    String primary();

    /** CWM-14: whether this gateway, too, has lost {@code primary}. */
    default boolean lost(String primary) {
      return false;
    }

    /** CWM-15: USR2 reads ForcedSwitchOver; only a Primary acts on it. */
    default Behavior<Command> onUsr2(CwmGateway g) {
      return g.noEffect("CWM-15", "USR2: ForcedSwitchOver is used only by the Primary; this gateway is " + name());
    }
  }

  // ---- What every role shares: the process, its files and its user tables ---------------------------------

  final NodeEnv env;
  final NodeRecorder trace;
  final TimerScheduler<Command> timers;
  final String self;
  final long startedAtMs;
  private final CwmNodeConfig config;
  /** The configuration in use: read from CWMGateway.conf at start, re-read on HUP and USR1 (CWM-15). */
  private CwmConf conf;
  /** CWM-21: whether network discovery is done (it is remembered on disk across restarts). */
  boolean databaseInSync;
  /** User-data revisions this process has stamped as Primary (CWM-19). */
  long revision;
  /** usertblDBsync and usertblDBcmp (CWM-20). */
  private final UserTableScripts scripts = new UserTableScripts(this);
  /** The Configurator, which may run only while this gateway is Primary (CWM-21). */
  private final Configurator configurator = new Configurator(this);

  public static Behavior<Command> create(NodeEnv env, CwmNodeConfig config) {
    return Behaviors.setup(ctx -> new CwmGateway(env, env.timers(ctx), config).start());
  }

  private CwmGateway(NodeEnv env, TimerScheduler<Command> timers, CwmNodeConfig config) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.self = env.self();
    this.config = config;
    this.conf = config.conf();
    this.startedAtMs = env.nowMs();
  }

  /**
   * The views every gateway keeps current are the Gateway Monitor's columns (CWM-22): {@code primary},
   * {@code heartbeat}, {@code dssync}, {@code user_data}, and on the Primary {@code secondaries}.
   */
  private Behavior<Command> start() {
    conf = readConf();
    config.warnings().forEach(w -> trace.warning("CWM-1", w));
    trace.view("dssync", "NONE");
    publishTables();
    if (env.disk().containsKey(NetworkData.DISK_KEY)) {
      // CWM-12: its copy of the network data, with what the network reported while it was down (see CwmActions)
      trace.view(NETWORK_DATA_VIEW, NetworkData.on(env.disk()).fingerprint());
    }
    configurator.onStart();
    startNetworkSync();
    if (peers().isEmpty()) {
      return PrimaryRole.become(this, "CWM-2", "alone in its domain (DomainGatewayList names no other gateway)",
          Map.of());
    }
    return new StartingRole(this).start();
  }

  CwmConf conf() {
    return conf;
  }

  /** CWM-17: what this gateway does as Primary once it hears another Primary of its domain. */
  DualPrimaryPolicy dualPrimaryPolicy() {
    return config.dualPrimaryPolicy();
  }

  // ---- Every role ------------------------------------------------------------------------------------------

  /**
   * The messages every role answers the same way; a role adds its own cases first (the first match wins).
   * Every role builds its behaviour here, so this is also where a role change reaches what outlives roles: a
   * running Configurator closes when a role other than Primary takes over (CWM-21).
   */
  BehaviorBuilder<Command> common(BehaviorBuilder<Command> builder, Role role) {
    configurator.follow(role);
    return builder
        .onMessage(Discover.class, d -> onDiscover(d, role))
        .onMessage(LostPrimaryQuery.class, q -> onLostPrimaryQuery(q, role))
        .onMessage(Signal.class, s -> onSignal(s, role))
        .onMessage(UserTableScript.class, scripts::onCommand)
        .onMessage(UserData.class, scripts::onAnswer)
        .onMessage(UserDataRequest.class, scripts::onRequest)
        .onMessage(NetworkProvision.class, p -> onNetworkProvision(p, role))
        .onMessage(RobustTrap.class, this::onRobustTrap)
        .onMessage(ConfiguratorCommand.class, c -> configurator.onCommand(c, role))
        .onMessage(PrimaryClaim.class, c -> Behaviors.same()) // CWM-17: only a Primary weighs another's claim
        .onMessageEquals(Tick.NETWORK_SYNCED, this::onNetworkSynced);
  }

  private Behavior<Command> onDiscover(Discover discover, Role role) {
    env.send(discover.from(), new DiscoverReply(self, role.name(), role.primary(), startedAtMs, listIndex(self)));
    return Behaviors.same();
  }

  private Behavior<Command> onLostPrimaryQuery(LostPrimaryQuery query, Role role) {
    boolean lost = role.lost(query.primary());
    // A running Primary says so: SP1 must not take over beside it (CWM-14, CWM-17).
    env.send(query.from(), new LostPrimaryAnswer(self, lost, CwmWords.PRIMARY.equals(role.name())));
    if (lost) {
      trace.decision("CWM-14", "confirming to " + query.from() + " that Primary " + query.primary()
          + " is lost here too");
    }
    return Behaviors.same();
  }

  /** CWM-15: only USR2 reads ForcedSwitchOver. HUP and USR1 re-read the other keys (Model). */
  private Behavior<Command> onSignal(Signal signal, Role role) {
    switch (signal.name()) {
      case "USR2":
        return role.onUsr2(this);
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

  /**
   * CWM-12: network data is provisioned to the network from this workstation whatever its role and mode: it
   * needs no lock from the Primary (user data does, CWM-19), so degraded mode does not stop it. The other
   * workstations of the domain learn it from the network (see {@link RobustTrap}), not from this gateway.
   */
  private Behavior<Command> onNetworkProvision(NetworkProvision provision, Role role) {
    NetworkData.Change change = provision.change();
    boolean degraded = role.primary() != null && role.lost(role.primary());
    String mode = role.name() + (degraded ? ", degraded" : "");
    trace.decision("CWM-12", "network data " + change.op() + " " + change.object() + " provisioned to the network "
        + "from this workstation (" + mode + "): network data needs no lock from the Primary, so it proceeds in "
        + "any mode" + (degraded ? ", unlike user data" : ""), "network_provision", "accepted", "object",
        change.object(), "op", change.op());
    applyNetworkData(change);
    return Behaviors.same();
  }

  /** CWM-12: the network reports a change another workstation provisioned; applied in any role and mode. */
  private Behavior<Command> onRobustTrap(RobustTrap trap) {
    NetworkData.Change change = trap.change();
    trace.decision("CWM-12", "network data from the network (Robust Trap): " + change.object() + " " + change.op()
        + " provisioned from " + change.origin() + "; network data is kept consistent by the network, not by "
        + "the Primary", "object", change.object(), "op", change.op());
    applyNetworkData(change);
    return Behaviors.same();
  }

  private void applyNetworkData(NetworkData.Change change) {
    NetworkData data = NetworkData.on(env.disk());
    data.apply(change);
    trace.view(NETWORK_DATA_VIEW, data.fingerprint());
  }

  /** CWM-21: network discovery done; a Primary also tells its Secondaries (see {@link PrimaryRole}). */
  Behavior<Command> onNetworkSynced() {
    databaseInSync = true;
    env.disk().put(DISK_NETWORK_DISCOVERED, Boolean.TRUE);
    CwmWords.trap(trace, "svDatabaseInSync", 28075, "CWM-21", self + " has finished syncing with the network");
    return Behaviors.same();
  }

  private void startNetworkSync() {
    if (Boolean.TRUE.equals(env.disk().get(DISK_NETWORK_DISCOVERED)) || config.networkSyncMs() == 0) {
      databaseInSync = true;
      env.disk().put(DISK_NETWORK_DISCOVERED, Boolean.TRUE);
      return;
    }
    timers.startSingleTimer(Tick.NETWORK_SYNCED, Duration.ofMillis(config.networkSyncMs()));
  }

  // ---- Helpers for the roles -------------------------------------------------------------------------------

  Behavior<Command> noEffect(String rule, String why) {
    trace.decision(rule, why);
    return Behaviors.same();
  }

  Behavior<Command> ignored(Peer message, String rule, String why) {
    trace.decision(rule, "ignoring " + message.getClass().getSimpleName() + " from " + message.from() + ": " + why);
    return Behaviors.same();
  }

  Behavior<Command> rejectProvision(Provision provision, String why) {
    trace.decision("CWM-12", "provision " + provision.op() + " " + provision.table() + "/" + provision.key()
        + " rejected: " + why, "provision", "rejected");
    return Behaviors.same();
  }

  /** Records the decision to register with {@code target} and sends the registration. */
  void sendRegistration(String target, String rule, String why) {
    trace.decision(rule, "registering with " + target + ": " + why, "primary", target);
    env.send(target, new Register(self, startedAtMs));
  }

  /** A role's timers stop when it ends; the network sync and lock timers outlive roles. */
  void cancelRoleTimers() {
    for (Tick tick : List.of(Tick.DISCOVERY_END, Tick.HEARTBEAT, Tick.PRIMARY_SILENT, Tick.CHECK_SECONDARIES,
        Tick.L1_REPEAT, Tick.AUTO_SWITCH, Tick.CONFIRM_WINDOW_END, Tick.PROBE, Tick.CLAIM)) {
      timers.cancel(tick);
    }
  }

  List<String> peers() {
    List<String> peers = new ArrayList<>(conf.domainGatewayList());
    peers.remove(self);
    return peers;
  }

  int listIndex(String host) {
    return conf.domainGatewayList().indexOf(host);
  }

  /** The file on this node's disk, parsed by the one parser; a broken edit keeps the configuration in use. */
  CwmConf readConf() {
    try {
      return CwmConf.read(env.disk(), self);
    } catch (CwmConf.ConfException e) {
      // The loader validated the file; an operator's later edit can still break it. Keep the last good one.
      trace.warning("CWM-23", CONF_FILE + " line " + (e.line + 1) + ": " + e.getMessage()
          + "; keeping the configuration in use");
      return conf;
    }
  }

  UserTables tables() {
    return (UserTables) env.disk().computeIfAbsent(DISK_USER_TABLES, k -> new UserTables());
  }

  void replaceTables(UserTables replacement) {
    env.disk().put(DISK_USER_TABLES, replacement.copy());
    publishTables();
  }

  void publishTables() {
    trace.view("user_data", tables().fingerprint());
  }

  static UserTables.Change change(Provision provision) {
    return new UserTables.Change(provision.table(), provision.key(), provision.op(), null);
  }
}
