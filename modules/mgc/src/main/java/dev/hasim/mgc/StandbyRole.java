package dev.hasim.mgc;

import dev.hasim.mgc.MgcHost.Command;
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
 * STANDBY (MGC-2, MGC-5, MGC-6, MGC-9): pulls what the active pushes (prov-sync compares every CFG_ directory,
 * prov-dply sends one), tells the active it is still working while a transfer runs, and takes over when the
 * peer is lost on both links.
 */
final class StandbyRole extends MgcRole {
  /** The active's request this standby is working on, or null. */
  private PeerJob job;

  StandbyRole(MgcHost host) {
    super(host);
  }

  @Override
  Platform platform() {
    return Platform.STANDBY;
  }

  @Override
  Behavior<Command> behavior() {
    return host.common(Behaviors.receive(Command.class)
        .onMessageEquals(Tick.STILL_WORKING, this::onStillWorking)).build();
  }

  @Override
  void onPeerLost() {
    becomeActive("MGC-2", "no heartbeat from " + host.peer + " on link1 or link2 for "
        + host.settings.linkTimeoutMs() + " ms: the peer is lost, the standby takes over");
  }

  /**
   * MGC-2 (Model): a peer that reports itself out of service is no active host either: its MGC application
   * restarted (quicker than the failover timeout, so both links stayed up) or its start-up pull failed. The
   * standby takes over, as it would had the peer gone silent; the restarted host then finds an active peer and
   * comes back as standby. Found by hasim explore: the active restarted, saw a standby (not an active) peer, and
   * the pair waited forever with no active host.
   */
  @Override
  void onPeerHeartbeat(MgcHost.Heartbeat hb) {
    if (hb.platform() != Platform.OOS) {
      return;
    }
    boolean working = job != null;
    job = null;
    host.timers.cancel(Tick.STILL_WORKING);
    becomeActive("MGC-2", host.peer + " reports itself out of service (" + hb.platform() + "): no host of the "
        + "pair is active, the standby takes over");
    if (working || host.files.busy()) {
      // The request came from a peer that is no longer active: drop it, as a lost peer's (the active answers
      // no one, so the role it handed the transfers to does nothing with their end).
      host.rudp.clear();
      host.pom.dropSends();
      host.files.abortAll(OperationStatus.LINK_DOWN);
      host.setMgrState(MgrState.READY);
    }
  }

  /** The active's prov-sync (709, MGC-5) or prov-dply (708, MGC-6). */
  @Override
  void onPomMsg(PomMsg m) {
    if (m.type() == EventType.POM_RSP_T || m.subtype() == Subtype.POM_RESTART_RESP_TIMER_MT) {
      return;
    }
    logPeerRequest(m);
    PomStatus refusal = null;
    if (m.startupPull()) {
      // The peer took a stale heartbeat of this host for an active one (a long delay, a restart): a standby has
      // no active configuration to give. Found by hasim explore (a NullPointerException on versions()).
      refusal = PomStatus.POM_PEER_SYNC_ERR;
    } else if (job != null || host.files.busy()) {
      refusal = PomStatus.POM_PEER_SES_IN_USE;
    } else if (!host.lib.release().equals(m.release())) {
      refusal = PomStatus.POM_PEER_INCOMPATIBLE;
    }
    if (refusal != null) {
      refusePeerRequest(m, refusal);
      return;
    }
    boolean sync = m.subtype() == Subtype.POM_PEER_SYNC_MT;
    int count = m.versions().size();
    job = new PeerJob(m.subtype(), sync ? m.active() : m.versions().get(0), count);
    host.setMgrState(MgrState.XFER_WAIT);
    if (sync) {
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Starting Warmstart.");
      host.spend(PomStepTimes.WARMSTART);
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: NOW initiating file transfer for multiple directories");
    }
    host.trace.decision(sync ? "MGC-5" : "MGC-6", "pull " + count + " CFG_ director" + (count == 1 ? "y" : "ies")
        + " from " + host.peer + ", comparing attributes");
    m.versions().forEach(host.files::transferFile);
    host.timers.startTimerAtFixedRate(Tick.STILL_WORKING, Duration.ofMillis(host.settings.responseTimeoutMs() / 3));
    if (sync) {
      host.spend(PomStepTimes.INITIATED);
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData total count attempted = " + count);
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: successfully initiated file transfer for "
          + count + " directories");
    }
  }

  @Override
  void onTransferred(String version, OperationStatus status) {
    if (job == null) {
      return;
    }
    int outstanding = job.done(version, status);
    host.spend(status == OperationStatus.NO_NEED_TO_TRANSFER ? PomStepTimes.SYNC_AFTER_NOTHING
        : PomStepTimes.SYNC_AFTER_TRANSFER);
    if (job.subtype == Subtype.POM_PEER_SYNC_MT && outstanding > 0) {
      // Still working: tell the active to restart its response timer (713), as the seed shows after each directory.
      logSyncState(host.mgrState);
      host.sendPeer(restartTimer());
      host.spend(PomStepTimes.ENDING);
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Ending Warmstart.");
    }
    if (outstanding > 0) {
      return;
    }
    PeerJob done = job;
    job = null;
    finish(done, done.failures());
  }

  private void logSyncState(MgrState state) {
    host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. Platform state = " + Platform.STANDBY.code + ".");
    host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. instandby box,mgrState= " + state.code);
  }

  /**
   * 713 POM_RESTART_RESP_TIMER_MT "indicates that POM is still working on the last command": besides after each
   * directory, the standby sends it every third of the response timeout while a transfer runs (Model), so the
   * active answers 2019 only when its peer has really gone quiet.
   */
  private Behavior<Command> onStillWorking() {
    if (job == null || !host.files.busy()) {
      host.timers.cancel(Tick.STILL_WORKING);
    } else {
      host.sendPeer(restartTimer());
    }
    return host.next();
  }

  private void finish(PeerJob done, List<String> failed) {
    host.timers.cancel(Tick.STILL_WORKING);
    host.setMgrState(MgrState.READY);
    if (!failed.isEmpty()) {
      host.trace.decision("MGC-9", "transfer failed for " + String.join(", ", failed) + ": answer " + host.peer
          + " with " + PomStatus.POM_XFER_ERR.code + " " + PomStatus.POM_XFER_ERR.name());
      host.sendPeer(new PomMsg(EventType.POM_RSP_T, done.subtype, PomStatus.POM_XFER_ERR, null, null,
          host.lib.release()));
      return;
    }
    PomStatus status;
    if (done.subtype == Subtype.POM_PEER_SYNC_MT) {
      logSyncState(MgrState.XFER_WAIT);
      status = host.activation.activate(done.active, done.active, "MGC-5");
      if (status == PomStatus.XE_NORMAL) {
        host.sendPeer(restartTimer());
        host.spend(PomStepTimes.ENDING);
        host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData: Ending Warmstart.");
        host.spend(PomStepTimes.PEER_ANSWER);
        host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. peer 0");
        host.spend(PomStepTimes.PEER_ANSWER);
      }
    } else {
      host.log(LogLevel.DEBUG, "MGC-6", "pomMgr::peerDeployProvData. Copying data files [" + ConfigLib.LIB + "/CFG_"
          + done.active + "].");
      status = host.activation.activate(done.active, done.active, "MGC-6");
    }
    host.activation.pruneLibrary();
    host.sendPeer(new PomMsg(EventType.POM_RSP_T, done.subtype, status, null, null, host.lib.release()));
  }
}
