package dev.hasim.mgc;

import dev.hasim.mgc.MgcHost.Command;
import dev.hasim.mgc.MgcHost.Heartbeat;
import dev.hasim.mgc.MgcHost.PomMsg;
import dev.hasim.mgc.MgcHost.Tick;
import dev.hasim.mgc.PomCodes.EventType;
import dev.hasim.mgc.PomCodes.MgrState;
import dev.hasim.mgc.PomCodes.OperationStatus;
import dev.hasim.mgc.PomCodes.Platform;
import dev.hasim.mgc.PomCodes.PomStatus;
import dev.hasim.mgc.PomCodes.Subtype;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * OOS (MGC-1, MGC-2, MGC-7): a starting host decides whether it becomes active or standby; with pom.dataSync it
 * first pulls the active configuration from its peer. A failed pull leaves it out of service until the cause
 * is fixed and the application restarted. An active host that yields also passes through here (MGC-2).
 */
final class OutOfServiceRole extends MgcRole {
  /** MGC-1: the start-up pull failed; only a restart tries again. */
  private boolean startupFailed;
  /** MGC-2: the second host waits one failover timeout for the pair's first host to become active, not more. */
  private boolean waitedForPreferred;
  /** The pull of the active configuration in progress, or null. */
  private PeerJob job;
  /**
   * MGC-1 (Model): the MGC application has started and its platform is not up yet: POM hears heartbeats and
   * brings its links up, but takes no role before the platform lets it (MgcSettings#platformStartMs).
   */
  private boolean platformStarting;

  OutOfServiceRole(MgcHost host) {
    super(host);
  }

  /** A host whose MGC application has just started (MgcHost's start-up). */
  static OutOfServiceRole starting(MgcHost host) {
    OutOfServiceRole role = new OutOfServiceRole(host);
    role.platformStarting = true;
    return role;
  }

  @Override
  Platform platform() {
    return Platform.OOS;
  }

  @Override
  Behavior<Command> behavior() {
    return host.common(Behaviors.receive(Command.class)
        .onMessageEquals(Tick.START_DECIDE, this::onStartDecide)
        .onMessageEquals(Tick.SYNC_TIMEOUT, this::onSyncTimeout)).build();
  }

  private Behavior<Command> onStartDecide() {
    if (job != null || startupFailed || host.mgrState != MgrState.READY) {
      return Behaviors.same();
    }
    if (platformStarting) {
      platformStarting = false;
      host.trace.decision("MGC-1", "the platform is up and POM has listened for its peer since the MGC "
          + "application started, " + host.settings.startDecideMs() + " ms ago: POM takes a role");
    }
    Heartbeat peerHeartbeat = host.peerHeartbeat;
    if (peerHeartbeat == null) {
      becomeActive("MGC-2", "no heartbeat from " + host.peer + " on either link since the MGC application "
          + "started: nothing else is active");
    } else if (host.peerLost()) {
      // Found in review: the active was lost while this host's platform was starting; its last heartbeat said
      // ACTIVE, and the host pulled from a silent peer, timed out and decided again on the same stale heartbeat.
      becomeActive("MGC-2", "both links to " + host.peer + " are down (its last heartbeat said "
          + peerHeartbeat.platform() + "): the peer is lost, nothing else is active");
    } else if (peerHeartbeat.platform() == Platform.ACTIVE) {
      goStandby();
    } else if (peerHeartbeat.platform() == Platform.STANDBY) {
      // The standby peer takes over on hearing this host out of service (StandbyRole); wait for it.
      host.trace.decision("MGC-2", host.peer + " is standby and takes over from a restarted host: wait for it to "
          + "become active");
      host.timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(host.settings.linkTimeoutMs()));
    } else if (host.preferred) {
      becomeActive("MGC-2", host.peer + " is starting too (" + peerHeartbeat.platform() + "); " + host.self
          + " is the pair's first host, so it takes the active role");
    } else if (!waitedForPreferred) {
      waitedForPreferred = true;
      host.trace.decision("MGC-2", host.peer + " is starting too and is the pair's first host: wait for it to "
          + "become active");
      host.timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(host.settings.linkTimeoutMs()));
    } else {
      // Found by hasim explore: the first host's own start-up pull had failed (MGC-1), so it stays OOS for good
      // and the pair waited for it with no active host.
      becomeActive("MGC-2", host.peer + " is still out of service a failover timeout later (still starting, or its "
          + "start-up failed, MGC-1): " + host.self + " takes the active role");
    }
    return host.next();
  }

  @Override
  void onPeerHeartbeat(Heartbeat hb) {
    if (host.mgrState == MgrState.READY && job == null && hb.platform() == Platform.ACTIVE && !startupFailed
        && !platformStarting) {
      goStandby();
    }
  }

  /** MGC-7: with pom.dataSync the standby pulls the active configuration first; without, it is standby at once. */
  void goStandby() {
    host.log(LogLevel.DEBUG, "MGC-7", "pomProcEvtHdlr::handleGoStandbyLocal - POM is trying to switch the its role to Standby.");
    if (!host.parm.dataSync()) {
      host.enter(new StandbyRole(host), "MGC-7", "pom.dataSync = false: no provisioning data is pulled from "
          + host.peer);
      return;
    }
    host.trace.decision("MGC-7", "pom.dataSync = true: pull the active configuration from " + host.peer
        + " before going standby (request 100/709)");
    host.setMgrState(MgrState.PEER_WAIT);
    host.spend(PomStepTimes.GO_STANDBY);
    host.sendPeer(new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL, null, null,
        host.lib.release()));
    host.timers.startSingleTimer(Tick.SYNC_TIMEOUT, Duration.ofMillis(host.settings.responseTimeoutMs()));
  }

  /** MGC-1: a failed start-up or failover sync leaves the standby out of service until the cause is fixed. */
  private void startupSyncFailed(PomStatus status, String why) {
    startupFailed = true;
    job = null;
    host.timers.cancel(Tick.SYNC_TIMEOUT);
    host.setMgrState(MgrState.READY);
    host.log(LogLevel.ERR, "MGC-1", "pomMgr::peerSyncProvData: data synchronization failed, status " + status.code
        + " (" + status.name() + "); platform stays out of service");
    host.enter(this, "MGC-1", "the pom.dataSync pull from " + host.peer + " failed (" + status.name() + " "
        + status.code + "): " + why + "; the host stays OOS until the cause is fixed and the MGC restarted");
  }

  private Behavior<Command> onSyncTimeout() {
    if (host.mgrState != MgrState.PEER_WAIT) {
      return host.next();
    }
    Heartbeat last = host.peerHeartbeat;
    if (host.peerLost() || last == null || last.platform() != Platform.ACTIVE) {
      decideAgain(host.peer + " did not answer the sync request and is no longer heard as active");
    } else {
      startupSyncFailed(PomStatus.POM_PEER_TIMEOUT, host.peer + " did not answer the sync request");
    }
    return host.next();
  }

  /**
   * MGC-1, MGC-2 (Model): the pull asked a peer that turned out not to be active (a stale heartbeat, a peer that
   * restarted or yields too): there was no active configuration to pull, so nothing failed in the sense of
   * MGC-1. The host decides again, as at start-up. Found by hasim explore: with 60 s of latency both hosts of a
   * pair pulled from each other, both failed, and both stayed out of service for good.
   */
  private void decideAgain(String why) {
    job = null;
    host.timers.cancel(Tick.SYNC_TIMEOUT);
    host.setMgrState(MgrState.READY);
    host.trace.decision("MGC-2", why + ": decide again between active and standby");
    host.timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(host.settings.linkTimeoutMs()));
  }

  @Override
  void onPomMsg(PomMsg m) {
    if (m.type() == EventType.POM_RSP_T) {
      if (m.subtype() == Subtype.POM_PEER_SYNC_MT && host.mgrState == MgrState.PEER_WAIT) {
        startupPull(m);
      }
      return;
    }
    super.onPomMsg(m);
  }

  /** The active named its configuration; pull that one directory (MGC-7). */
  private void startupPull(PomMsg m) {
    host.timers.cancel(Tick.SYNC_TIMEOUT);
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. Platform state = " + Platform.STANDBY.code + ".");
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. instandby box,mgrState= " + host.mgrState.code);
    if (m.status() == PomStatus.POM_PEER_SYNC_ERR) {
      decideAgain(host.peer + " is not active and has no configuration to give (" + m.status().code + " "
          + m.status().name() + ")");
      return;
    }
    if (m.status() != PomStatus.XE_NORMAL || m.active() == null) {
      startupSyncFailed(m.status(), host.peer + " refused the request");
      return;
    }
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Starting Warmstart.");
    host.spend(PomStepTimes.WARMSTART);
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Initiate active-version filexfer.");
    job = new PeerJob(Subtype.POM_START_MT, m.active(), 1);
    host.setMgrState(MgrState.XFER_WAIT);
    host.files.transferFile(m.active());
    host.spend(PomStepTimes.INITIATED);
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData file xfer = CFG_" + m.active());
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: successfully initiated file transfer for 1 directories");
  }

  @Override
  void onTransferred(String version, OperationStatus status) {
    if (job == null || job.done(version, status) > 0) {
      return;
    }
    PeerJob done = job;
    job = null;
    List<String> failed = done.failures();
    host.spend(PomStepTimes.SYNC_AFTER_TRANSFER);
    if (!failed.isEmpty()) {
      startupSyncFailed(PomStatus.POM_XFER_ERR, "transfer failed for " + String.join(", ", failed));
      return;
    }
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. Platform state = " + Platform.STANDBY.code + ".");
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData. instandby box,mgrState= " + MgrState.XFER_WAIT.code);
    PomStatus loaded = host.activation.activate(done.active, host.lib.provLink(), "MGC-7");
    if (loaded != PomStatus.XE_NORMAL) {
      startupSyncFailed(loaded, "the pulled configuration cannot be loaded");
      return;
    }
    host.sendPeer(restartTimer());
    host.spend(PomStepTimes.ENDING);
    host.log(LogLevel.DEBUG, "MGC-7", "pomMgr::peerSyncProvData: Ending Warmstart.");
    host.setMgrState(MgrState.READY);
    host.enter(new StandbyRole(host), "MGC-7", "the active configuration " + done.active + " is in sync with "
        + host.peer);
  }
}
