package dev.hasim.mgc;

import dev.hasim.kernel.net.Channelled;
import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import dev.hasim.mgc.PomCodes.EventType;
import dev.hasim.mgc.PomCodes.LinkState;
import dev.hasim.mgc.PomCodes.MgrState;
import dev.hasim.mgc.PomCodes.OperationStatus;
import dev.hasim.mgc.PomCodes.Platform;
import dev.hasim.mgc.PomCodes.PomStatus;
import dev.hasim.mgc.PomCodes.Subtype;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One host of a redundant MGC pair (seed 000): its protocol, and what every platform state shares — heartbeats
 * on two signalling links (MGC-2), RUDP and the file service (MGC-4, MGC-9), the configuration library and its
 * activation (MGC-3), the log. Each platform state is a role with its own behaviour and state (MGC-1):
 * {@link OutOfServiceRole} starts up and pulls the active configuration (MGC-7), {@link StandbyRole} pulls what
 * the active pushes (MGC-5, MGC-6) and takes over when the peer is lost (MGC-2), {@link ActiveRole} owns the
 * provisioning session and MML's peer commands (MGC-5, MGC-6, MGC-10, MGC-12). Every platform.log line is a
 * {@code log} event in the trace, written only when the POM's log level lets it through.
 */
public final class MgcHost implements Rudp.Host, FileService.Host {
  public static final String XECFGPARM = XeCfgParm.FILE.name();
  public static final String RELEASE = "release";
  public static final String LINK1 = "link1";
  public static final String LINK2 = "link2";
  static final String PROCESS = "ProvObjectManager";
  private static final java.time.format.DateTimeFormatter MML_STAMP = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss.SSS", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
  /** View: since when the peer is active, as its last heartbeat says; absent when it is not active. */
  static final String PEER_ACTIVE_SINCE = "peer_active_since";

  // ---- Protocol --------------------------------------------------------------------------------------------

  public sealed interface Command permits Peer, MmlCommand, Provision, Shutdown, Tick, Rudp.Timer,
      FileService.Timer {}

  /** Between the two hosts, on one of the two signalling links. */
  public sealed interface Peer extends Command, Channelled permits Heartbeat, Segment, SegmentAck {
    String from();
  }

  /** Every heartbeat period on each link: what this host is, for the peer's failover and sanity checks. */
  public record Heartbeat(String from, String channel, Platform platform, String release, long activeSinceMs,
      int cfgRmDirs, boolean dataSync, long incarnation) implements Peer {}

  /** A RUDP segment (UDP 4001 for POM messages, 4002 for transfers) and its acknowledgement. */
  public record Segment(String from, String channel, long epoch, long seq, Object payload) implements Peer {}

  public record SegmentAck(String from, String channel, long epoch, long seq) implements Peer {}

  /**
   * A POM peer message: {@code pomMgr::sendPeerMsg: sending msg type 100, subtype 709, resp status 0}. Requests
   * from the active name the directories to sync; the active's answer to a standby's start-up request names its
   * active version.
   */
  public record PomMsg(EventType type, Subtype subtype, PomStatus status, List<String> versions, String active,
      String release, String prov) {
    /** A message that sets no prov_link (every one but the prov-sync request and the start-up answer). */
    public PomMsg(EventType type, Subtype subtype, PomStatus status, List<String> versions, String active,
        String release) {
      this(type, subtype, status, versions, active, release, null);
    }

    /**
     * A starting or yielding host's request for the active configuration (MGC-7): 100/709 without directories.
     * The active's prov-sync is 100/709 too, but names every directory (MGC-5).
     */
    boolean startupPull() {
      return type == EventType.POM_REQ_T && subtype == Subtype.POM_PEER_SYNC_MT && versions == null;
    }

    /** Every POM message's fixed part: {@code UDP send() 62 bytes} for a bare 713 or response (MGC-9). */
    static final int HEADER_BYTES = 62;
    /**
     * <i>Model</i>: the start-up exchange's block the seed does not show (281 &minus; 62 &minus; the two names
     * of the answer); the request carries 22 bytes more the seed does not show either (279 = 62 + 217).
     */
    static final int STARTUP_BLOCK_BYTES = 195;
    static final int STARTUP_REQUEST_BYTES = 217;

    /**
     * {@code UDP send()/recv() N bytes}: the 62-byte header, then each name the message carries as the C string
     * {@code CFG_<name>\0}: the directories of a prov-sync, then the active_link and prov_link it sets (a link
     * field it carries but leaves alone is the empty string, one byte). See docs/models/mgc.md, "Message sizes":
     * this reproduces the seed's 193 (prov-sync), 76 (708), 62 (713 and every response), 279/281 (start-up).
     */
    int bytes() {
      if (startupPull()) {
        return HEADER_BYTES + STARTUP_REQUEST_BYTES;
      }
      if (type == EventType.POM_RSP_T && subtype == Subtype.POM_PEER_SYNC_MT && active != null) {
        return HEADER_BYTES + STARTUP_BLOCK_BYTES + field(active) + field(prov);
      }
      if (type == EventType.POM_REQ_T && subtype == Subtype.POM_PEER_DEPLOY_MT && versions != null) {
        // 708: the deployed version is the active_link to set; prov_link is left alone (the seed logs no
        // setupProvLink after a prov-dply)
        return HEADER_BYTES + field(versions.get(0)) + field(null);
      }
      if (versions != null) {
        return HEADER_BYTES + versions.stream().mapToInt(PomMsg::field).sum() + field(active) + field(prov);
      }
      return HEADER_BYTES;
    }

    private static int field(String version) {
      return version == null ? 1 : ("CFG_" + version).length() + 1;
    }
  }

  /** {@code bftfrSndHandShake}: the puller's files of one directory (null: it has no such directory). */
  public record DirHandshake(long request, String version, List<ConfigLib.DataFile> files) {}

  public record HandshakeReply(long request, String version, boolean exists, List<String> mismatched) {}

  public record TftpRead(long request, String version, String file) {}

  /** One 512-byte TFTP block; the last carries the file's attributes and content. */
  public record TftpBlock(long request, String version, String file, int block, int blocks, int bytes,
      ConfigLib.DataFile data) {}

  /** An MML command typed on this host (MGC-12). */
  public record MmlCommand(Mml.Command command) implements Command {}

  /** A change to the open provisioning session's data (the scenario's {@code provision} action). */
  public record Provision(String table, int changes) implements Command {}

  /** The platform is being shut down by the operator. */
  public enum Shutdown implements Command { INSTANCE }

  /** Timer messages: internal to the host and its roles. */
  enum Tick implements Command { HEARTBEAT, START_DECIDE, RESPONSE_TIMEOUT, SYNC_TIMEOUT, STILL_WORKING, POM_STEP }

  // ---- What every platform state shares --------------------------------------------------------------------

  final NodeEnv env;
  /** The trace: every decision, view and state, recorded when taken (the platform's and POM's alike). */
  final NodeRecorder trace;
  /** POM's one thread: what it writes to platform.log or sends to the peer waits for its steps (MGC-12). */
  final PomThread pom;
  final TimerScheduler<Command> timers;
  final String self;
  final String peer;
  final boolean preferred;
  final MgcSettings settings;
  private final String ip;
  private final String peerIp;
  final XeCfgParm parm;
  final ConfigLib lib;
  final Rudp rudp;
  final FileService files;
  private LogLevel logLevel;
  MgrState mgrState = MgrState.UNDEFINED;
  private final Map<String, LinkState> links = new TreeMap<>();
  private final Map<String, Long> lastHeardMs = new TreeMap<>();
  /** The peer's last heartbeat, or null before the first. */
  Heartbeat peerHeartbeat;
  /**
   * The peer's latest process heard of, on disk so that a restart of this host remembers it: heartbeats of an
   * earlier one are stale (MGC-2).
   */
  private static final String DISK_PEER_INCARNATION = "mgc.peer_incarnation";
  /** The stale incarnation last reported in the trace, so its heartbeats are reported once. */
  private long ignoredIncarnation;
  private boolean warnedCfgRmDirs;
  private boolean warnedDataSync;
  /** POM's event handler has noted the peer's heartbeat ({@code pomProcEvtHdlr: heartbeat...}), once a process. */
  private boolean notedHeartbeat;
  /** The platform state now. RUDP and the file service call back into whichever role this is. */
  private MgcRole role;
  /** Set when a message's handling changed the role: its behaviour replaces the current one. */
  private MgcRole entered;
  final PomActivation activation;

  public static Behavior<Command> create(NodeEnv env, String peer, boolean preferred, MgcSettings settings,
      String ip, String peerIp) {
    return Behaviors.setup(ctx -> new MgcHost(env, env.timers(ctx), peer, preferred, settings, ip, peerIp).start());
  }

  private MgcHost(NodeEnv env, TimerScheduler<Command> timers, String peer, boolean preferred, MgcSettings settings,
      String ip, String peerIp) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.pom = new PomThread(env, trace, timers);
    this.self = env.self();
    this.peer = peer;
    this.preferred = preferred;
    this.settings = settings;
    this.ip = ip;
    this.peerIp = peerIp;
    this.parm = XeCfgParm.read(env.disk(), trace);
    this.lib = (ConfigLib) env.disk().get(ConfigLib.DISK_KEY);
    this.logLevel = parm.logPrio();
    this.rudp = new Rudp(this, settings, env.incarnation());
    this.files = new FileService(this, settings);
    this.activation = new PomActivation(this);
  }

  public String self() {
    return self;
  }

  // ---- Start-up (MGC-1) ------------------------------------------------------------------------------------

  private Behavior<Command> start() {
    String upgraded = lib.bootInstalled(nowS());
    if (upgraded != null) {
      trace.decision("MGC-8", "the upgraded software (release " + upgraded + ") boots: it converts this host's own "
          + "files to its format first");
    }
    trace.view("pid", pid());
    trace.view("release", lib.release());
    log(LogLevel.DEBUG, "MGC-1", "pomMgr::initialize: starting ...");
    OutOfServiceRole starting = OutOfServiceRole.starting(this);
    enter(starting, "MGC-1", "the MGC application is starting; the platform lets POM take a role in "
        + settings.startDecideMs() + " ms");
    setMgrState(MgrState.READY);
    links.put(LINK1, LinkState.START);
    links.put(LINK2, LinkState.START);
    // Views only: POM's signalCallback reports changes, and the seed's first one already shows a link up.
    linkViews();
    activation.publishLibrary();
    spend(PomStepTimes.INITIALIZE);
    timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(settings.heartbeatMs()));
    sendHeartbeats();
    timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(settings.startDecideMs()));
    entered = null;
    return starting.behavior();
  }

  /** PIDs as the seed shows them (PID 11017): fixed by host and incarnation, so logs are reproducible. */
  private long pid() {
    return 1000 + Math.floorMod(self.hashCode() * 7919L + env.incarnation() * 104_729L, 30_000L);
  }

  // ---- Roles -----------------------------------------------------------------------------------------------

  /**
   * Enters a platform state (MGC-1). Every call is a decision, even one that keeps the state (a failed sync
   * leaves the host OOS).
   */
  void enter(MgcRole next, String rule, String why) {
    trace.decision(rule, why, "platform", next.platform().name());
    role = next;
    entered = next;
    trace.role(next.platform().name(), rule);
  }

  Platform platform() {
    return role.platform();
  }

  /** What a handler returns: the new role's behaviour if the message changed the role, else the same. */
  Behavior<Command> next() {
    MgcRole changed = entered;
    entered = null;
    return changed == null ? Behaviors.same() : changed.behavior();
  }

  /** The messages every platform state handles alike; a role adds its own cases first (the first match wins). */
  BehaviorBuilder<Command> common(BehaviorBuilder<Command> builder) {
    return builder
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(Segment.class, s -> {
          rudp.onSegment(s);
          return next();
        })
        .onMessage(SegmentAck.class, a -> {
          rudp.onAck(a);
          return next();
        })
        .onMessage(Rudp.Timer.class, t -> {
          rudp.onTimer(t);
          return next();
        })
        .onMessage(FileService.Timer.class, t -> {
          files.onTimer(t);
          return next();
        })
        .onMessageEquals(Tick.HEARTBEAT, this::onHeartbeatTick)
        .onMessageEquals(Tick.POM_STEP, this::onPomStep)
        .onMessage(MmlCommand.class, m -> onMml(m.command()))
        .onMessage(Provision.class, p -> role.onProvision(p))
        .onMessageEquals(Shutdown.INSTANCE, () -> {
          log(LogLevel.INFO, "MGC-1", "pomMgr::shutdown: MGC application stopping");
          return Behaviors.stopped();
        })
        // A timer of another platform state that fired after this one began: it has nothing to do here.
        .onMessageEquals(Tick.START_DECIDE, Behaviors::same)
        .onMessageEquals(Tick.SYNC_TIMEOUT, Behaviors::same)
        .onMessageEquals(Tick.RESPONSE_TIMEOUT, Behaviors::same)
        .onMessageEquals(Tick.STILL_WORKING, () -> {
          timers.cancel(Tick.STILL_WORKING);
          return Behaviors.same();
        });
  }

  // ---- Heartbeats and the two links (MGC-2) ----------------------------------------------------------------

  /**
   * <i>Model</i>: on link2, then link1. Both leave at the same instant; the order is the one the seed's start-up
   * example shows the starting host's links come up in ({@code link1 state = 2, link2 state = 1}, then 1, 1).
   */
  void sendHeartbeats() {
    for (String link : List.of(LINK2, LINK1)) {
      env.send(peer, new Heartbeat(self, link, role.platform(), lib.release(), role.activeSinceMs(),
          parm.cfgRmDirs(), parm.dataSync(), env.incarnation()));
    }
  }

  /** POM's steps that are done by now leave: their lines, records and messages (PomThread). */
  private Behavior<Command> onPomStep() {
    pom.onTick();
    return next();
  }

  private Behavior<Command> onHeartbeatTick() {
    sendHeartbeats();
    long now = env.nowMs();
    boolean changed = false;
    for (String link : List.of(LINK1, LINK2)) {
      Long heard = lastHeardMs.get(link);
      if (links.get(link) == LinkState.UP && heard != null && now - heard > settings.linkTimeoutMs()) {
        links.put(link, LinkState.DOWN);
        // A decision, so that the report's story says it: the link state alone is only a view.
        trace.decision("MGC-2", link + " to " + peer + " is down (link state 0): no heartbeat on it for "
            + (now - heard) + " ms");
        changed = true;
      }
    }
    if (changed) {
      publishLinks();
      if (peerLost()) {
        trace.view(PEER_ACTIVE_SINCE, null); // what it heard of the peer's reign is no longer news
        rudp.clear();
        pom.dropSends();
        files.abortAll(OperationStatus.LINK_DOWN);
        role.onPeerLost();
      }
    }
    return next();
  }

  boolean peerLost() {
    return links.get(LINK1) != LinkState.UP && links.get(LINK2) != LinkState.UP;
  }

  private Behavior<Command> onHeartbeat(Heartbeat hb) {
    long known = (Long) env.disk().getOrDefault(DISK_PEER_INCARNATION, 0L);
    if (hb.incarnation() < known) {
      // MGC-2: a heartbeat of the peer's previous process, delayed in flight past its restart, says nothing of the
      // peer now (found by hasim explore: an ACTIVE heartbeat sent before a restart over a 60-s-latency link made
      // the new active yield twice to a peer that had restarted as standby, and neither host was active).
      if (hb.incarnation() != ignoredIncarnation) {
        ignoredIncarnation = hb.incarnation();
        trace.decision("MGC-2", "heartbeats from " + peer + "'s previous process (incarnation "
            + hb.incarnation() + ", now " + known + "), delayed past its restart: ignored");
      }
      return next();
    }
    env.disk().put(DISK_PEER_INCARNATION, hb.incarnation());
    lastHeardMs.put(hb.channel(), env.nowMs());
    peerHeartbeat = hb;
    trace.view("peer", hb.platform().name());
    // Which reign of an active peer this host has heard of: the split-needs-silence property reads it (MGC-2).
    trace.view(PEER_ACTIVE_SINCE, hb.platform() == Platform.ACTIVE ? hb.activeSinceMs() : null);
    if (links.get(hb.channel()) != LinkState.UP) {
      if (links.get(hb.channel()) == LinkState.DOWN) {
        trace.decision("MGC-2", hb.channel() + " to " + peer + " is up again (link state 1): a heartbeat arrived on it");
      }
      links.put(hb.channel(), LinkState.UP);
      publishLinks();
      if (!notedHeartbeat && links.get(LINK1) == LinkState.UP && links.get(LINK2) == LinkState.UP) {
        // Model, the seed's start-up example: POM's event handler notes the peer's heartbeat once, when both
        // links are up (after the second signalCallback).
        notedHeartbeat = true;
        spend(PomStepTimes.FIRST_HEARTBEAT);
        log(LogLevel.DEBUG, "MGC-2", "pomProcEvtHdlr: heartbeat...");
      }
    }
    if (!warnedDataSync && hb.dataSync() != parm.dataSync()) {
      warnedDataSync = true;
      trace.warning("MGC-7", "pom.dataSync is " + parm.dataSync() + " here and " + hb.dataSync() + " on " + peer
          + "; a pair must set it true on both hosts (false only on the standby during an upgrade, MGC-8)");
    }
    if (!warnedCfgRmDirs && hb.cfgRmDirs() != parm.cfgRmDirs()) {
      warnedCfgRmDirs = true;
      trace.warning("MGC-5", "diskmonitor.CfgRmDirs is " + parm.cfgRmDirs() + " here and " + hb.cfgRmDirs() + " on "
          + peer + "; the pair must match, or prov-sync keeps moving directories one side then removes");
    }
    role.onPeerHeartbeat(hb);
    return next();
  }

  /** A link changed state: the views, and POM's signalCallback, which takes its step first (PomStepTimes). */
  private void publishLinks() {
    linkViews();
    spend(PomStepTimes.LINK_CALLBACK);
    log(LogLevel.DEBUG, "MGC-2", "pomMgr::signalCallback: link1 state = " + links.get(LINK1).code + ", link2 state = "
        + links.get(LINK2).code);
  }

  private void linkViews() {
    trace.view(LINK1, links.get(LINK1).name());
    trace.view(LINK2, links.get(LINK2).name());
  }

  // ---- MML every platform state answers alike (MGC-12) -----------------------------------------------------

  private Behavior<Command> onMml(Mml.Command command) {
    Mml.Verb verb = command.verb();
    switch (verb) {
      case SET_LOG -> {
        logLevel = LogLevel.parse(command.params().get("level"));
        answer(Mml.compld(verb, command.params().get("process").toUpperCase(java.util.Locale.ROOT)),
            "POM now logs at " + logLevel.name().toLowerCase(java.util.Locale.ROOT) + " and above");
      }
      case RTRV_NE -> answer(Mml.compld(verb, "Platform State:" + role.platform().name()), "retrieve network element");
      default -> role.onProvisioningMml(command);
    }
    return next();
  }

  void answer(Mml.Answer answer, String why) {
    String status = answer.completed() ? "COMPLD" : "DENY";
    String rule = answer.completed() ? "MGC-12" : answer.status() == PomStatus.POM_XFER_ERR ? "MGC-9" : "MGC-10";
    trace.decision(rule, why, "mml", answer.verb().text, "result", status,
        "status", answer.status().code, "answer", mmlHeader() + "\n" + answer.render());
  }

  /**
   * MGC-12: the line MML prints before every answer, {@code MGC-01 - Media Gateway Controller 2002-10-11
   * 14:41:11.351 MET}: the element's name (the host's, upper case) and the pair's clock at virtual now. The seed's
   * answers print MET and its platform.log lines WET (other hosts, other days); the model prints the pair's one
   * zone label in both (*Model*).
   */
  String mmlHeader() {
    java.time.Instant at = java.time.Instant.ofEpochSecond(settings.epochS()).plusMillis(env.nowMs());
    return self.toUpperCase(java.util.Locale.ROOT) + " - Media Gateway Controller " + MML_STAMP.format(at) + " "
        + settings.zone();
  }

  // ---- POM peer messages -----------------------------------------------------------------------------------

  void sendPeer(PomMsg message) {
    log(LogLevel.DEBUG, "MGC-11", "pomMgr::sendPeerMsg: sending msg type " + message.type().code + ", subtype "
        + message.subtype().code + ", resp status " + message.status().code);
    spend(PomStepTimes.UDP_SEND);
    log(LogLevel.DEBUG, "MGC-9", "UDP send() " + message.bytes() + " bytes to " + peerIp + ":" + parm.port() + " " + ip
        + " (fd=9), written=" + message.bytes());
    pom.send(() -> rudp.send(message));
  }

  @Override
  public void deliver(Object payload) {
    if (payload instanceof PomMsg m) {
      log(LogLevel.DEBUG, "MGC-9", "UDP recv() " + m.bytes() + " bytes from " + peerIp + ":" + parm.port() + " " + ip
          + " (fd=9)");
      // The seed's dataSync example: the event type is read from the datagram before pomMgr handles it.
      log(LogLevel.DEBUG, "MGC-11", "formatted read from " + peerIp + ":" + parm.port() + " " + ip + " (fd=9), event "
          + "type " + m.type().code);
      log(LogLevel.DEBUG, "MGC-11", "pomMgr::handleEvent: Received Evt " + m.type().code + ", Msg. Type "
          + m.subtype().code);
      role.onPomMsg(m);
    } else if (payload instanceof DirHandshake h) {
      files.onHandshake(h);
    } else if (payload instanceof HandshakeReply r) {
      files.onHandshakeReply(r);
    } else if (payload instanceof TftpRead r) {
      files.onRead(r);
    } else if (payload instanceof TftpBlock b) {
      files.onBlock(b);
    }
  }

  @Override
  public void transferred(String version, OperationStatus status) {
    String path = ConfigLib.LIB + "/CFG_" + version;
    log(LogLevel.DEBUG, "MGC-9", "pomMgr::fileXferCallback: Entering with path = " + path + ", operationStatus = "
        + status.code);
    if (!status.ok()) {
      log(LogLevel.ERR, "MGC-9", "GEN_ERR_XFER_FILE: pomMgr::fileXferCallback: file transfer failed for " + path
          + ", status = " + status.code);
    }
    activation.publishLibrary();
    role.onTransferred(version, status);
  }

  // ---- The manager state and the log -----------------------------------------------------------------------

  void setMgrState(MgrState to) {
    mgrState = to;
    trace.state(to.name(), "MGC-11");
  }

  @Override
  public void log(LogLevel level, String rule, String message) {
    if (level.compareTo(logLevel) >= 0) {
      pom.log(level.tag, rule, message);
    }
  }

  // ---- What the helpers borrow -----------------------------------------------------------------------------

  @Override
  public ConfigLib lib() {
    return lib;
  }

  @Override
  public void send(Object payload) {
    pom.send(() -> rudp.send(payload));
  }

  /** POM spends one step (PomStepTimes); a host pulling at start-up uses the start-up example's figures. */
  @Override
  public void spend(PomStepTimes step, double units) {
    pom.spend(step, role != null && role.platform() == Platform.OOS, units);
  }

  void spend(PomStepTimes step) {
    spend(step, 1);
  }

  /** POM uses link1 while it is up, else link2 (Model). */
  private String pomLink() {
    return links.get(LINK1) == LinkState.UP || links.get(LINK2) != LinkState.UP ? LINK1 : LINK2;
  }

  @Override
  public void transmit(long epoch, long seq, Object payload) {
    env.send(peer, new Segment(self, pomLink(), epoch, seq, payload));
  }

  @Override
  public void transmitAck(long epoch, long seq, String channel) {
    env.send(peer, new SegmentAck(self, channel, epoch, seq));
  }

  @Override
  public void gaveUp(Object payload) {
    log(LogLevel.ERR, "MGC-9", "XEFileService::tftp_ackReceived: block number out of synch. Send error message to peer");
    if (payload instanceof PomMsg) {
      return; // the requester's response timer reports it (2019)
    }
    files.abortCurrent(peerLost() ? OperationStatus.LINK_DOWN : OperationStatus.TIMEOUT);
  }

  @Override
  public void logError(String rule, String message) {
    log(LogLevel.ERR, rule, message);
  }

  @Override
  public void startTimer(Object key, Command message, Duration after) {
    timers.startSingleTimer(key, message, after);
  }

  @Override
  public void cancelTimer(Object key) {
    timers.cancel(key);
  }

  @Override
  public long nowMs() {
    return env.nowMs();
  }

  @Override
  public long nowS() {
    return settings.epochS() + env.nowMs() / 1000;
  }
}
