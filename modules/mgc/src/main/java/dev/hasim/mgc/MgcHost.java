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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One host of a redundant MGC pair (seed 000): its platform state (ACTIVE, STANDBY, OOS; MGC-1), heartbeats on
 * two signalling links and failover (MGC-2), and its Provisioning Object Manager: the provisioning session and
 * MML commands (MGC-6, MGC-10, MGC-12), prov-sync and prov-dply from the active (MGC-5, MGC-6), pom.dataSync from
 * the standby (MGC-7, MGC-8), transfers through {@link FileService} over {@link Rudp} (MGC-4, MGC-9), and the
 * links and dynamic reconfiguration that follow (MGC-3). Every platform.log line is a {@code log} event in the
 * trace, written only when the POM's log level lets it through, exactly as the product writes its log.
 */
public final class MgcHost implements Rudp.Host, FileService.Host {
  public static final String XECFGPARM = "XECfgParm.dat";
  public static final String RELEASE = "release";
  public static final String LINK1 = "link1";
  public static final String LINK2 = "link2";
  static final String PROCESS = "ProvObjectManager";

  // ---- Protocol --------------------------------------------------------------------------------------------

  public interface Command {}

  /** Between the two hosts, on one of the two signalling links. */
  public interface Peer extends Command, Channelled {
    String from();
  }

  /** Every heartbeat period on each link: what this host is, for the peer's failover and sanity checks. */
  public record Heartbeat(String from, String channel, Platform platform, String release, long activeSinceMs,
      int cfgRmDirs, boolean dataSync) implements Peer {}

  /** A RUDP segment (UDP 4001 for POM messages, 4002 for transfers) and its acknowledgement. */
  public record Segment(String from, String channel, long epoch, long seq, Object payload) implements Peer {}

  public record SegmentAck(String from, String channel, long epoch, long seq) implements Peer {}

  /**
   * A POM peer message: {@code pomMgr::sendPeerMsg: sending msg type 100, subtype 709, resp status 0}. Requests
   * from the active name the directories to sync; the active's answer to a standby's start-up request names its
   * active version.
   */
  public record PomMsg(EventType type, Subtype subtype, PomStatus status, List<String> versions, String active,
      String release) {
    int bytes() {
      return 62 + (versions == null ? 0 : versions.stream().mapToInt(v -> v.length() + 5).sum())
          + (active == null ? 0 : 217);
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

  private enum Tick implements Command { HEARTBEAT, START_DECIDE, RESPONSE_TIMEOUT, SYNC_TIMEOUT, STILL_WORKING }

  // ---- State -----------------------------------------------------------------------------------------------

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Command> timers;
  private final String self;
  private final String peer;
  private final boolean preferred;
  private final MgcSettings settings;
  private final String ip;
  private final String peerIp;
  private final XeCfgParm parm;
  private final ConfigLib lib;
  private final Rudp rudp;
  private final FileService files;
  private LogLevel logLevel;

  private Platform platform = Platform.OOS;
  private MgrState mgrState = MgrState.UNDEFINED;
  private long activeSinceMs = -1;
  private final Map<String, LinkState> links = new TreeMap<>();
  private final Map<String, Long> lastHeardMs = new TreeMap<>();
  private Heartbeat peerHeartbeat;
  private boolean warnedCfgRmDirs;
  private boolean warnedDataSync;
  /** The provisioning session opened by prov-sta: its name and working copy, or null. */
  private ConfigLib.Version session;
  /** The MML command waiting for the peer's answer (prov-sync or prov-dply), or null. */
  private Mml.Verb pending;
  /** A peer request this standby is working on: what it asked and what each directory gave. */
  private PeerJob job;

  private static final class PeerJob {
    final Subtype subtype;
    final String active;
    final Map<String, OperationStatus> results = new TreeMap<>();
    int outstanding;

    PeerJob(Subtype subtype, String active, int outstanding) {
      this.subtype = subtype;
      this.active = active;
      this.outstanding = outstanding;
    }
  }

  public static Behavior<Command> create(NodeEnv env, String peer, boolean preferred, MgcSettings settings,
      String ip, String peerIp) {
    return Behaviors.setup(ctx -> new MgcHost(env, env.timers(ctx), peer, preferred, settings, ip, peerIp).start());
  }

  private MgcHost(NodeEnv env, TimerScheduler<Command> timers, String peer, boolean preferred, MgcSettings settings,
      String ip, String peerIp) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.self = env.self();
    this.peer = peer;
    this.preferred = preferred;
    this.settings = settings;
    this.ip = ip;
    this.peerIp = peerIp;
    this.parm = readParm((String) env.disk().get(XECFGPARM));
    this.lib = (ConfigLib) env.disk().get(ConfigLib.DISK_KEY);
    this.logLevel = parm.logPrio();
    this.rudp = new Rudp(this, settings, env.incarnation());
    this.files = new FileService(this, settings);
  }

  /** The file was checked when the scenario was read; an operator's later edit that breaks it is reported. */
  private XeCfgParm readParm(String text) {
    try {
      return XeCfgParm.parse(text == null ? "" : text);
    } catch (XeCfgParm.ParmException e) {
      trace.warning("MGC-7", XECFGPARM + " line " + (e.line + 1) + ": " + e.getMessage() + "; using the defaults");
      return XeCfgParm.defaults();
    }
  }

  public String self() {
    return self;
  }

  // ---- Start-up (MGC-1, MGC-2, MGC-7) ----------------------------------------------------------------------

  private Behavior<Command> start() {
    trace.view("pid", pid());
    trace.view("release", lib.release());
    log(LogLevel.DEBUG, "MGC-1", "pomMgr::initialize: starting ...");
    setPlatform(Platform.OOS, "MGC-1", "the MGC application is starting");
    setMgrState(MgrState.READY);
    links.put(LINK1, LinkState.START);
    links.put(LINK2, LinkState.START);
    publishLinks();
    publishLibrary();
    timers.startTimerAtFixedRate(Tick.HEARTBEAT, Duration.ofMillis(settings.heartbeatMs()));
    sendHeartbeats();
    timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(settings.linkTimeoutMs()));
    return behavior();
  }

  /** PIDs as the seed shows them (PID 11017): fixed by host and incarnation, so logs are reproducible. */
  private long pid() {
    return 1000 + Math.floorMod(self.hashCode() * 7919L + env.incarnation() * 104_729L, 30_000L);
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(Segment.class, s -> {
          rudp.onSegment(s);
          return Behaviors.same();
        })
        .onMessage(SegmentAck.class, a -> {
          rudp.onAck(a);
          return Behaviors.same();
        })
        .onMessage(Rudp.Timer.class, t -> {
          rudp.onTimer(t);
          return Behaviors.same();
        })
        .onMessage(FileService.Timer.class, t -> {
          files.onTimer(t);
          return Behaviors.same();
        })
        .onMessageEquals(Tick.HEARTBEAT, this::onHeartbeatTick)
        .onMessageEquals(Tick.START_DECIDE, this::onStartDecide)
        .onMessageEquals(Tick.RESPONSE_TIMEOUT, this::onResponseTimeout)
        .onMessageEquals(Tick.SYNC_TIMEOUT, this::onSyncTimeout)
        .onMessageEquals(Tick.STILL_WORKING, this::onStillWorking)
        .onMessage(MmlCommand.class, m -> {
          onMml(m.command());
          return Behaviors.same();
        })
        .onMessage(Provision.class, this::onProvision)
        .onMessageEquals(Shutdown.INSTANCE, () -> {
          log(LogLevel.INFO, "MGC-1", "pomMgr::shutdown: MGC application stopping");
          return Behaviors.stopped();
        })
        .build();
  }

  private void sendHeartbeats() {
    for (String link : List.of(LINK1, LINK2)) {
      env.send(peer, new Heartbeat(self, link, platform, lib.release(), activeSinceMs, parm.cfgRmDirs(),
          parm.dataSync()));
    }
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
        onPeerLost();
      }
    }
    return Behaviors.same();
  }

  private boolean peerLost() {
    return links.get(LINK1) != LinkState.UP && links.get(LINK2) != LinkState.UP;
  }

  private Behavior<Command> onHeartbeat(Heartbeat hb) {
    lastHeardMs.put(hb.channel(), env.nowMs());
    peerHeartbeat = hb;
    trace.view("peer", hb.platform().name());
    if (links.get(hb.channel()) != LinkState.UP) {
      if (links.get(hb.channel()) == LinkState.DOWN) {
        trace.decision("MGC-2", hb.channel() + " to " + peer + " is up again (link state 1): a heartbeat arrived on it");
      }
      links.put(hb.channel(), LinkState.UP);
      publishLinks();
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
    if (platform == Platform.OOS && mgrState == MgrState.READY && job == null && hb.platform() == Platform.ACTIVE
        && !startupFailed) {
      goStandby();
    } else if (platform == Platform.ACTIVE && hb.platform() == Platform.ACTIVE) {
      resolveTwoActives(hb);
    }
    return Behaviors.same();
  }

  private boolean startupFailed;

  private Behavior<Command> onStartDecide() {
    if (platform != Platform.OOS || job != null || startupFailed || mgrState != MgrState.READY) {
      return Behaviors.same();
    }
    if (peerHeartbeat == null) {
      becomeActive("MGC-2", "no heartbeat from " + peer + " on either link for " + settings.linkTimeoutMs()
          + " ms after start-up: nothing else is active");
    } else if (peerHeartbeat.platform() == Platform.ACTIVE) {
      goStandby();
    } else if (preferred) {
      becomeActive("MGC-2", peer + " is starting too (" + peerHeartbeat.platform() + "); " + self
          + " is the pair's first host, so it takes the active role");
    } else {
      trace.decision("MGC-2", peer + " is starting too and is the pair's first host: wait for it to become active");
      timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(settings.linkTimeoutMs()));
    }
    return Behaviors.same();
  }

  private void becomeActive(String rule, String why) {
    activeSinceMs = env.nowMs();
    setPlatform(Platform.ACTIVE, rule, why);
    sendHeartbeats();
  }

  /** MGC-7: with pom.dataSync the standby pulls the active configuration first; without, it is standby at once. */
  private void goStandby() {
    log(LogLevel.DEBUG, "MGC-7", "pomProcEvtHdlr::handleGoStandbyLocal - POM is trying to switch the its role to Standby.");
    if (!parm.dataSync()) {
      setPlatform(Platform.STANDBY, "MGC-7", "pom.dataSync = false: no provisioning data is pulled from " + peer);
      return;
    }
    trace.decision("MGC-7", "pom.dataSync = true: pull the active configuration from " + peer
        + " before going standby (request 100/709)");
    setMgrState(MgrState.PEER_WAIT);
    sendPeer(new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL, null, null,
        lib.release()));
    timers.startSingleTimer(Tick.SYNC_TIMEOUT, Duration.ofMillis(settings.responseTimeoutMs()));
  }

  /** MGC-1: a failed start-up or failover sync leaves the standby out of service until the cause is fixed. */
  private void startupSyncFailed(PomStatus status, String why) {
    startupFailed = true;
    job = null;
    timers.cancel(Tick.SYNC_TIMEOUT);
    setMgrState(MgrState.READY);
    log(LogLevel.ERR, "MGC-1", "pomMgr::peerSyncProvData: data synchronization failed, status " + status.code
        + " (" + status.name() + "); platform stays out of service");
    setPlatform(Platform.OOS, "MGC-1", "the pom.dataSync pull from " + peer + " failed (" + status.name() + " "
        + status.code + "): " + why + "; the host stays OOS until the cause is fixed and the MGC restarted");
  }

  private Behavior<Command> onSyncTimeout() {
    if (platform == Platform.OOS && mgrState == MgrState.PEER_WAIT) {
      startupSyncFailed(PomStatus.POM_PEER_TIMEOUT, peer + " did not answer the sync request");
    }
    return Behaviors.same();
  }

  // ---- Failover (MGC-2) ------------------------------------------------------------------------------------

  private void onPeerLost() {
    rudp.clear();
    files.abortAll(OperationStatus.LINK_DOWN);
    if (pending != null) {
      answer(Mml.deny(pending, PomStatus.POM_PEER_TIMEOUT), "the peer was lost on both links");
      pending = null;
      timers.cancel(Tick.RESPONSE_TIMEOUT);
      setMgrState(MgrState.READY);
    }
    if (platform == Platform.STANDBY) {
      becomeActive("MGC-2", "no heartbeat from " + peer + " on link1 or link2 for " + settings.linkTimeoutMs()
          + " ms: the peer is lost, the standby takes over");
    } else {
      trace.decision("MGC-2", "both signalling links to " + peer + " are down; " + self + " stays " + platform);
    }
  }

  /**
   * MGC-2 (Model): the links are back and both hosts are active. The one that became active later yields: it
   * goes out of service and comes up again as standby, syncing first if pom.dataSync says so.
   */
  private void resolveTwoActives(Heartbeat hb) {
    boolean iAmLater = activeSinceMs > hb.activeSinceMs()
        || (activeSinceMs == hb.activeSinceMs() && !preferred);
    if (!iAmLater) {
      return;
    }
    trace.decision("MGC-2", "both hosts are active once the links are back; " + self + " became active later ("
        + activeSinceMs + " ms against " + hb.activeSinceMs() + " ms), so it yields and restarts as standby");
    activeSinceMs = -1;
    session = null;
    setPlatform(Platform.OOS, "MGC-2", "yielding to " + peer + ", the earlier active");
    setMgrState(MgrState.READY);
    goStandby();
  }

  // ---- MML (MGC-5, MGC-6, MGC-10, MGC-12) ------------------------------------------------------------------

  private void onMml(Mml.Command command) {
    Mml.Verb verb = command.verb();
    switch (verb) {
      case SET_LOG -> {
        logLevel = LogLevel.parse(command.params().get("level"));
        answer(Mml.compld(verb, command.params().get("process").toUpperCase(java.util.Locale.ROOT)),
            "POM now logs at " + logLevel.name().toLowerCase(java.util.Locale.ROOT) + " and above");
      }
      case RTRV_NE -> answer(Mml.compld(verb, "Platform State:" + platform.name()), "retrieve network element");
      case PROV_STA -> provSta(command);
      case PROV_STP -> {
        if (session == null) {
          answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES), "no session to stop");
        } else {
          answer(Mml.compld(verb), "session " + session.name() + " closed without deploying");
          session = null;
        }
      }
      case PROV_CPY, PROV_DPLY -> provCommit(verb);
      case PROV_SYNC -> provSync();
    }
  }

  private static final java.util.regex.Pattern VERSION_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

  private void provSta(Mml.Command command) {
    Mml.Verb verb = command.verb();
    String src = command.params().get("srcver");
    String dst = command.params().get("dstver");
    PomStatus refusal = null;
    if (platform != Platform.ACTIVE) {
      refusal = PomStatus.POM_PEER_SYNC_ERR;
    } else if (session != null) {
      refusal = PomStatus.POM_SES_ACTIVE;
    } else if (!VERSION_NAME.matcher(dst).matches()) {
      refusal = PomStatus.POM_INVALID_DST;
    } else if (dst.equals("active") || dst.equals("new")) {
      refusal = PomStatus.POM_KEYWORD_DST;
    } else if (dst.equals(lib.activeLink())) {
      refusal = PomStatus.POM_ACTV_SRC;
    } else if (lib.version(dst) != null) {
      refusal = PomStatus.POM_DST_DIR_EXISTS;
    }
    String source = "active".equals(src) ? lib.activeLink() : src;
    if (refusal == null && (source == null || lib.version(source) == null)) {
      refusal = PomStatus.POM_INVALID_SRC;
    }
    if (refusal != null) {
      answer(Mml.deny(verb, refusal), "prov-sta refused");
      return;
    }
    session = lib.version(source).renamed(dst, nowS());
    trace.view("session", dst);
    answer(Mml.compld(verb), "provisioning session " + dst + " opened from " + source);
  }

  private Behavior<Command> onProvision(Provision p) {
    if (session == null) {
      trace.decision("MGC-6", "provisioning refused: no open session (" + PomStatus.POM_NO_SES.name() + " "
          + PomStatus.POM_NO_SES.code + ")", "provision", "rejected");
      return Behaviors.same();
    }
    String file = p.table() + ".dat";
    ConfigLib.DataFile current = session.files().get(file);
    if (current == null) {
      trace.decision("MGC-6", "provisioning refused: session " + session.name() + " has no table " + p.table(),
          "provision", "rejected");
      return Behaviors.same();
    }
    session = session.with(current.edited(p.changes(), nowS()));
    trace.decision("MGC-6", p.changes() + " change(s) to " + p.table() + " in session " + session.name(),
        "provision", "accepted");
    return Behaviors.same();
  }

  /** MGC-10: who may deploy or sync, with the code of the first reason not to. */
  private PomStatus peerRefusal() {
    if (platform != Platform.ACTIVE) {
      return platform == Platform.STANDBY ? PomStatus.POM_PEER_NOT_STANDBY : PomStatus.POM_PEER_SYNC_ERR;
    }
    if (pending != null) {
      return PomStatus.POM_SES_IN_USE;
    }
    if (peerHeartbeat == null || peerLost()) {
      return PomStatus.POM_STAND_ALONE;
    }
    if (peerHeartbeat.platform() != Platform.STANDBY) {
      return PomStatus.POM_PEER_NOT_STANDBY;
    }
    return null;
  }

  /** prov-cpy makes the session active here; prov-dply also pushes it to the standby (MGC-6). */
  private void provCommit(Mml.Verb verb) {
    if (session == null) {
      answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES), "no provisioning session is open (prov-sta first)");
      return;
    }
    if (verb == Mml.Verb.PROV_DPLY) {
      PomStatus refusal = peerRefusal();
      if (refusal != null) {
        answer(Mml.deny(verb, refusal), "prov-dply refused");
        return;
      }
    } else if (platform != Platform.ACTIVE) {
      answer(Mml.deny(verb, PomStatus.POM_PEER_SYNC_ERR), "prov-cpy needs the active host");
      return;
    }
    ConfigLib.Version committed = session;
    session = null;
    trace.view("session", null);
    lib.put(committed);
    activate(committed.name(), committed.name(), "MGC-6");
    pruneLibrary();
    if (verb == Mml.Verb.PROV_CPY) {
      answer(Mml.compld(verb), committed.name() + " is the active configuration on " + self);
      return;
    }
    trace.decision("MGC-6", "prov-dply: " + committed.name() + " is active here; push it to " + peer
        + " (peer message 708 POM_PEER_DEPLOY_MT)");
    request(verb, new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_DEPLOY_MT, PomStatus.XE_NORMAL,
        List.of(committed.name()), null, lib.release()));
  }

  /** MGC-5: every CFG_ directory, for the standby to pull what differs. */
  private void provSync() {
    PomStatus refusal = peerRefusal();
    if (refusal != null) {
      answer(Mml.deny(Mml.Verb.PROV_SYNC, refusal), "prov-sync refused");
      return;
    }
    List<String> versions = lib.inCreationOrder();
    trace.decision("MGC-5", "prov-sync: ask " + peer + " to compare all " + versions.size()
        + " CFG_ directories and pull what differs (request 100/709)");
    request(Mml.Verb.PROV_SYNC, new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL,
        versions, lib.activeLink(), lib.release()));
  }

  private void request(Mml.Verb verb, PomMsg message) {
    pending = verb;
    setMgrState(MgrState.PEER_WAIT);
    sendPeer(message);
    timers.startSingleTimer(Tick.RESPONSE_TIMEOUT, Duration.ofMillis(settings.responseTimeoutMs()));
  }

  private Behavior<Command> onResponseTimeout() {
    if (pending != null) {
      log(LogLevel.ERR, "MGC-10", "pomMgr::respTimerExpired: no response from peer, status "
          + PomStatus.POM_PEER_TIMEOUT.code);
      answer(Mml.deny(pending, PomStatus.POM_PEER_TIMEOUT), peer + " did not answer within "
          + settings.responseTimeoutMs() + " ms");
      pending = null;
      setMgrState(MgrState.READY);
    }
    return Behaviors.same();
  }

  private void answer(Mml.Answer answer, String why) {
    String status = answer.completed() ? "COMPLD" : "DENY";
    String rule = answer.completed() ? "MGC-12" : answer.status() == PomStatus.POM_XFER_ERR ? "MGC-9" : "MGC-10";
    trace.decision(rule, why, "mml", answer.verb().text, "result", status,
        "status", answer.status().code, "answer", answer.render());
  }

  // ---- POM peer messages -----------------------------------------------------------------------------------

  private void sendPeer(PomMsg message) {
    log(LogLevel.DEBUG, "MGC-11", "pomMgr::sendPeerMsg: sending msg type " + message.type().code + ", subtype "
        + message.subtype().code + ", resp status " + message.status().code);
    log(LogLevel.DEBUG, "MGC-9", "UDP send() " + message.bytes() + " bytes to " + peerIp + ":" + parm.port() + " " + ip
        + " (fd=9), written=" + message.bytes());
    rudp.send(message);
  }

  @Override
  public void deliver(Object payload) {
    if (payload instanceof PomMsg m) {
      onPomMsg(m);
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

  private void onPomMsg(PomMsg m) {
    log(LogLevel.DEBUG, "MGC-9", "UDP recv() " + m.bytes() + " bytes from " + peerIp + ":" + parm.port() + " " + ip
        + " (fd=9)");
    log(LogLevel.DEBUG, "MGC-11", "pomMgr::handleEvent: Received Evt " + m.type().code + ", Msg. Type "
        + m.subtype().code);
    if (m.type() == EventType.POM_RSP_T) {
      onResponse(m);
    } else if (m.subtype() == Subtype.POM_RESTART_RESP_TIMER_MT) {
      if (pending != null) {
        timers.startSingleTimer(Tick.RESPONSE_TIMEOUT, Duration.ofMillis(settings.responseTimeoutMs()));
      }
    } else if (m.subtype() == Subtype.POM_PEER_SYNC_MT && platform == Platform.ACTIVE) {
      // A standby starting up with pom.dataSync asks for the active configuration (MGC-7).
      trace.decision("MGC-7", peer + " asks for the active configuration: answer with " + lib.activeLink());
      sendPeer(new PomMsg(EventType.POM_RSP_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL, null,
          lib.activeLink(), lib.release()));
    } else {
      onPeerRequest(m);
    }
  }

  /** On the active: the standby's answer to prov-sync or prov-dply ends the MML command. */
  private void onResponse(PomMsg m) {
    if (m.subtype() == Subtype.POM_PEER_SYNC_MT && mgrState == MgrState.PEER_WAIT && platform == Platform.OOS) {
      startupPull(m);
      return;
    }
    if (pending == null) {
      return;
    }
    Mml.Verb verb = pending;
    pending = null;
    timers.cancel(Tick.RESPONSE_TIMEOUT);
    setMgrState(MgrState.READY);
    if (m.status() == PomStatus.XE_NORMAL) {
      answer(Mml.compld(verb), peer + " reports success (101/" + m.subtype().code + ", resp status 0)");
    } else if (m.status() == PomStatus.POM_XFER_ERR) {
      answer(Mml.denyTransfer(verb, m.status()), peer + " could not transfer every directory (resp status "
          + m.status().code + ")");
    } else {
      answer(Mml.deny(verb, m.status()), peer + " refused (resp status " + m.status().code + ")");
    }
  }

  /** On the standby: the active's prov-sync (709, MGC-5) or prov-dply (708, MGC-6). */
  private void onPeerRequest(PomMsg m) {
    if (m.subtype() == Subtype.POM_PEER_DEPLOY_MT) {
      log(LogLevel.DEBUG, "MGC-6", "pomMgr::handlePOMEvt: type " + m.type().code);
    } else {
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. Platform state = " + platform.code + ".");
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. instandby box,mgrState= " + mgrState.code);
    }
    PomStatus refusal = null;
    if (platform != Platform.STANDBY) {
      refusal = PomStatus.POM_PEER_SYNC_ERR;
    } else if (job != null || files.busy()) {
      refusal = PomStatus.POM_PEER_SES_IN_USE;
    } else if (!lib.release().equals(m.release())) {
      refusal = PomStatus.POM_PEER_INCOMPATIBLE;
    }
    if (refusal != null) {
      trace.decision("MGC-10", "refuse " + m.subtype().name() + " from " + peer + ": " + refusal.significance);
      sendPeer(new PomMsg(EventType.POM_RSP_T, m.subtype(), refusal, null, null, lib.release()));
      return;
    }
    job = new PeerJob(m.subtype(), m.subtype() == Subtype.POM_PEER_DEPLOY_MT ? m.versions().get(0) : m.active(),
        m.versions().size());
    setMgrState(MgrState.XFER_WAIT);
    if (m.subtype() == Subtype.POM_PEER_SYNC_MT) {
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Starting Warmstart.");
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: NOW initiating file transfer for multiple directories");
    }
    trace.decision(m.subtype() == Subtype.POM_PEER_DEPLOY_MT ? "MGC-6" : "MGC-5", "pull " + m.versions().size()
        + " CFG_ director" + (m.versions().size() == 1 ? "y" : "ies") + " from " + peer + ", comparing attributes");
    m.versions().forEach(files::transferFile);
    timers.startTimerAtFixedRate(Tick.STILL_WORKING, Duration.ofMillis(settings.responseTimeoutMs() / 3));
    if (m.subtype() == Subtype.POM_PEER_SYNC_MT) {
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData total count attempted = " + m.versions().size());
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: successfully initiated file transfer for "
          + m.versions().size() + " directories");
    }
  }

  /** On a starting standby: the active named its configuration; pull that one directory (MGC-7). */
  private void startupPull(PomMsg m) {
    timers.cancel(Tick.SYNC_TIMEOUT);
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. Platform state = " + Platform.STANDBY.code + ".");
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. instandby box,mgrState= " + mgrState.code);
    if (m.status() != PomStatus.XE_NORMAL || m.active() == null) {
      startupSyncFailed(m.status(), peer + " refused the request");
      return;
    }
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Starting Warmstart.");
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Initiate active-version filexfer.");
    job = new PeerJob(Subtype.POM_START_MT, m.active(), 1);
    setMgrState(MgrState.XFER_WAIT);
    files.transferFile(m.active());
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData file xfer = CFG_" + m.active());
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: successfully initiated file transfer for 1 directories");
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
    publishLibrary();
    if (job == null) {
      return;
    }
    job.results.put(version, status);
    job.outstanding--;
    if (job.subtype == Subtype.POM_PEER_SYNC_MT && job.outstanding > 0) {
      // Still working: tell the active to restart its response timer (713), as the seed shows after each directory.
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. Platform state = " + platform.code + ".");
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. instandby box,mgrState= " + mgrState.code);
      sendPeer(restartTimer());
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Ending Warmstart.");
    }
    if (job.outstanding > 0) {
      return;
    }
    PeerJob done = job;
    job = null;
    List<String> failed = new ArrayList<>();
    done.results.forEach((v, s) -> {
      if (!s.ok()) {
        failed.add("CFG_" + v + " (status " + s.code + " " + s.name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
    });
    if (done.subtype == Subtype.POM_START_MT) {
      finishStartupSync(done, failed);
    } else {
      finishPeerRequest(done, failed);
    }
  }

  private PomMsg restartTimer() {
    return new PomMsg(EventType.POM_REQ_T, Subtype.POM_RESTART_RESP_TIMER_MT, PomStatus.XE_NORMAL, null, null,
        lib.release());
  }

  /**
   * 713 POM_RESTART_RESP_TIMER_MT "indicates that POM is still working on the last command": besides after each
   * directory, the standby sends it every third of the response timeout while a transfer runs (Model), so the
   * active answers 2019 only when its peer has really gone quiet.
   */
  private Behavior<Command> onStillWorking() {
    if (job == null || job.subtype == Subtype.POM_START_MT || !files.busy()) {
      timers.cancel(Tick.STILL_WORKING);
    } else {
      sendPeer(restartTimer());
    }
    return Behaviors.same();
  }

  private void finishPeerRequest(PeerJob done, List<String> failed) {
    timers.cancel(Tick.STILL_WORKING);
    setMgrState(MgrState.READY);
    if (!failed.isEmpty()) {
      trace.decision("MGC-9", "transfer failed for " + String.join(", ", failed) + ": answer " + peer + " with "
          + PomStatus.POM_XFER_ERR.code + " " + PomStatus.POM_XFER_ERR.name());
      sendPeer(new PomMsg(EventType.POM_RSP_T, done.subtype, PomStatus.POM_XFER_ERR, null, null, lib.release()));
      return;
    }
    if (done.subtype == Subtype.POM_PEER_SYNC_MT) {
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. Platform state = " + platform.code + ".");
      log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. instandby box,mgrState= " + MgrState.XFER_WAIT.code);
      PomStatus status = activate(done.active, done.active, "MGC-5");
      if (status == PomStatus.XE_NORMAL) {
        sendPeer(restartTimer());
        log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Ending Warmstart.");
        log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. peer 0");
      }
      pruneLibrary();
      sendPeer(new PomMsg(EventType.POM_RSP_T, done.subtype, status, null, null, lib.release()));
    } else {
      log(LogLevel.DEBUG, "MGC-6", "pomMgr::peerDeployProvData. Copying data files [" + ConfigLib.LIB + "/CFG_"
          + done.active + "].");
      PomStatus status = activate(done.active, done.active, "MGC-6");
      pruneLibrary();
      sendPeer(new PomMsg(EventType.POM_RSP_T, done.subtype, status, null, null, lib.release()));
    }
  }

  private void finishStartupSync(PeerJob done, List<String> failed) {
    if (!failed.isEmpty()) {
      startupSyncFailed(PomStatus.POM_XFER_ERR, "transfer failed for " + String.join(", ", failed));
      return;
    }
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. Platform state = " + Platform.STANDBY.code + ".");
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. instandby box,mgrState= " + MgrState.XFER_WAIT.code);
    PomStatus status = activate(done.active, lib.provLink(), "MGC-7");
    if (status != PomStatus.XE_NORMAL) {
      startupSyncFailed(status, "the pulled configuration cannot be loaded");
      return;
    }
    sendPeer(restartTimer());
    log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Ending Warmstart.");
    setMgrState(MgrState.READY);
    setPlatform(Platform.STANDBY, "MGC-7", "the active configuration " + done.active + " is in sync with " + peer);
  }

  // ---- Activation and dynamic reconfiguration (MGC-3, MGC-8) -----------------------------------------------

  /**
   * Points active_link (and prov_link) at a version, copies its .dat files to etc/ and reloads every table.
   * Refused with 2030 when the files were written by another release than the one running (MGC-8).
   */
  private PomStatus activate(String version, String provVersion, String rule) {
    ConfigLib.Version v = lib.version(version);
    if (v == null) {
      return PomStatus.POM_INVALID_SRC;
    }
    for (ConfigLib.DataFile f : v.files().values()) {
      if (!f.format().equals(lib.release())) {
        log(LogLevel.ERR, "MGC-8", "XETable::reload: validation = " + PomStatus.POM_VER_MISMATCH.code + ", process = "
            + PROCESS + ", table = " + f.table() + ": file written by release " + f.format() + ", this host runs "
            + lib.release() + " (POM_VER_MISMATCH)");
        trace.decision("MGC-8", "CFG_" + version + " holds release " + f.format() + " files; this host runs "
            + lib.release() + ": not loaded (" + PomStatus.POM_VER_MISMATCH.code + " POM_VER_MISMATCH)");
        return PomStatus.POM_VER_MISMATCH;
      }
    }
    log(LogLevel.DEBUG, rule, "pomMgr::setupActvLink. Set link to [" + v.path() + "].");
    lib.setActiveLink(version);
    String prov = provVersion != null && lib.version(provVersion) != null ? provVersion : version;
    log(LogLevel.DEBUG, rule, "pomMgr::setupProvLink. Set link to [" + ConfigLib.LIB + "/CFG_" + prov + "].");
    lib.setProvLink(prov);
    log(LogLevel.DEBUG, "MGC-3", "pomMgr::prepareActvFiles. Executing command [cp -p " + v.path() + "/[a-z]*.dat "
        + ConfigLib.ROOT + "/].");
    List<ConfigLib.TableReload> reloads = lib.diffAgainstLoaded(v);
    for (ConfigLib.TableReload r : reloads) {
      if (r.changed()) {
        log(LogLevel.DEBUG, "MGC-3", "pomMgr::UpdateHdlr: sending update notification " + r.table());
        log(LogLevel.DEBUG, "MGC-3", "cfgEventHandler: sending update notification for " + r.table());
      }
    }
    int changed = 0;
    for (ConfigLib.TableReload r : reloads) {
      log(LogLevel.DEBUG, "MGC-3", "XETable::reload: validation = 0, process = " + PROCESS + ", table = " + r.table()
          + ", delCnt = " + r.delCnt() + ", updCnt = " + r.updCnt() + ", insCnt = " + r.insCnt());
      log(LogLevel.DEBUG, "MGC-3", "pomMgr::sendUpdateRequest: reloading " + r.table());
      log(LogLevel.DEBUG, "MGC-3", "XETable::purge: validation = 1, process = " + PROCESS + ", table = " + r.table()
          + ", purge count = " + r.purgeCount());
      changed += r.changed() ? 1 : 0;
    }
    lib.load(v);
    trace.decision("MGC-3", "active_link → CFG_" + version + ", .dat files copied to etc/, " + reloads.size()
        + " tables reloaded (" + changed + " changed)", "reloaded", changed);
    publishLibrary();
    return PomStatus.XE_NORMAL;
  }

  /** MGC-5: diskmonitor keeps at most diskmonitor.CfgRmDirs directories. */
  private void pruneLibrary() {
    List<String> removed = lib.prune(parm.cfgRmDirs());
    if (!removed.isEmpty()) {
      trace.decision("MGC-5", "diskmonitor removed " + removed.size() + " old CFG_ director"
          + (removed.size() == 1 ? "y" : "ies") + " " + removed + " (diskmonitor.CfgRmDirs = " + parm.cfgRmDirs() + ")");
      publishLibrary();
    }
  }

  // ---- Views and the log -----------------------------------------------------------------------------------

  /** Every call is a decision, even one that keeps the state (a failed sync leaves the host OOS: MGC-1). */
  private void setPlatform(Platform to, String rule, String why) {
    trace.decision(rule, why, "platform", to.name());
    platform = to;
    trace.role(to.name(), rule);
  }

  private void setMgrState(MgrState to) {
    mgrState = to;
    trace.state(to.name(), "MGC-11");
  }

  private void publishLinks() {
    trace.view(LINK1, links.get(LINK1).name());
    trace.view(LINK2, links.get(LINK2).name());
    log(LogLevel.DEBUG, "MGC-2", "pomMgr::signalCallback: link1 state = " + links.get(LINK1).code + ", link2 state = "
        + links.get(LINK2).code);
  }

  private void publishLibrary() {
    trace.view("active_link", lib.activeLink() == null ? null : "CFG_" + lib.activeLink());
    trace.view("prov_link", lib.provLink() == null ? null : "CFG_" + lib.provLink());
    trace.view("config", ConfigLib.fingerprint(lib.activeLink() == null ? null : lib.version(lib.activeLink())));
    trace.view("library", lib.libraryFingerprint());
  }

  @Override
  public void log(LogLevel level, String rule, String message) {
    if (level.compareTo(logLevel) >= 0) {
      trace.log(level.tag, rule, message);
    }
  }

  // ---- What the helpers borrow -----------------------------------------------------------------------------

  @Override
  public ConfigLib lib() {
    return lib;
  }

  @Override
  public void send(Object payload) {
    rudp.send(payload);
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
