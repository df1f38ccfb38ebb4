package dev.hasim.mgc;

import dev.hasim.mgc.MgcHost.Command;
import dev.hasim.mgc.MgcHost.Heartbeat;
import dev.hasim.mgc.MgcHost.PomMsg;
import dev.hasim.mgc.MgcHost.Provision;
import dev.hasim.mgc.PomCodes.EventType;
import dev.hasim.mgc.PomCodes.OperationStatus;
import dev.hasim.mgc.PomCodes.Platform;
import dev.hasim.mgc.PomCodes.PomStatus;
import dev.hasim.mgc.PomCodes.Subtype;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A platform state of an MGC host (MGC-1) and its behaviour. What a role does not do itself is what a host
 * that is not active does: MML's provisioning commands are denied (MGC-10), a peer request is refused, a lost
 * peer changes nothing (MGC-2). Each role's state lives in its own class and ends with it.
 */
abstract class MgcRole {
  final MgcHost host;

  MgcRole(MgcHost host) {
    this.host = host;
  }

  abstract Platform platform();

  /** The receive of this platform state: its own cases, then those every state shares. */
  abstract Behavior<Command> behavior();

  /** When this host became active; -1 unless active (sent in every heartbeat, MGC-2). */
  long activeSinceMs() {
    return -1;
  }

  /** Called for every heartbeat from the peer, after the links and warnings are updated. */
  void onPeerHeartbeat(Heartbeat heartbeat) {}

  /** Both links are down (MGC-2): the RUDP queue and every transfer are already dropped. */
  void onPeerLost() {
    host.trace.decision("MGC-2", "both signalling links to " + host.peer + " are down; " + host.self + " stays "
        + platform());
  }

  /** A POM peer message, after its receive lines are logged. Only a standby does what the active asks. */
  void onPomMsg(PomMsg m) {
    if (m.type() == EventType.POM_REQ_T && m.subtype() != Subtype.POM_RESTART_RESP_TIMER_MT) {
      logPeerRequest(m);
      refusePeerRequest(m, PomStatus.POM_PEER_SYNC_ERR);
    }
  }

  /** A directory transfer ended (the file service's callback). */
  void onTransferred(String version, OperationStatus status) {}

  /** prov-sta, prov-stp, prov-cpy, prov-dply, prov-sync on a host that is not active (MGC-10). */
  void onProvisioningMml(Mml.Command command) {
    Mml.Verb verb = command.verb();
    switch (verb) {
      case PROV_STA -> host.answer(Mml.deny(verb, PomStatus.POM_PEER_SYNC_ERR), "prov-sta refused");
      case PROV_STP -> host.answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES), "no session to stop");
      case PROV_CPY, PROV_DPLY -> host.answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES),
          "no provisioning session is open (prov-sta first)");
      case PROV_SYNC -> host.answer(Mml.deny(verb, platform() == Platform.STANDBY
          ? PomStatus.POM_PEER_NOT_STANDBY : PomStatus.POM_PEER_SYNC_ERR), "prov-sync refused");
      case SW_OVER -> host.answer(Mml.deny(verb, PomStatus.POM_PEER_SYNC_ERR), "only the active host switches over");
      default -> throw new IllegalArgumentException("not a provisioning command: " + verb);
    }
  }

  /** MGC-6: no session is open on a host that is not active. */
  Behavior<Command> onProvision(Provision p) {
    host.trace.decision("MGC-6", "provisioning refused: no open session (" + PomStatus.POM_NO_SES.name() + " "
        + PomStatus.POM_NO_SES.code + ")", "provision", "rejected");
    return Behaviors.same();
  }

  /** On a host that is not standby: a peer request is refused (MGC-10). */
  void refusePeerRequest(PomMsg m, PomStatus refusal) {
    host.trace.decision("MGC-10", "refuse " + m.subtype().name() + " from " + host.peer + ": " + refusal.significance);
    host.sendPeer(new PomMsg(EventType.POM_RSP_T, m.subtype(), refusal, null, null, host.lib.release()));
  }

  /** The log lines POM writes on receiving a peer request (MGC-5, MGC-6), whoever then handles it. */
  void logPeerRequest(PomMsg m) {
    if (m.subtype() == Subtype.POM_PEER_DEPLOY_MT) {
      host.log(LogLevel.DEBUG, "MGC-6", "pomMgr::handlePOMEvt: type " + m.type().code);
    } else {
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. Platform state = " + platform().code + ".");
      host.log(LogLevel.DEBUG, "MGC-5", "pomMgr::peerSyncProvData. instandby box,mgrState= " + host.mgrState.code);
    }
  }

  PomMsg restartTimer() {
    return new PomMsg(EventType.POM_REQ_T, Subtype.POM_RESTART_RESP_TIMER_MT, PomStatus.XE_NORMAL, null, null,
        host.lib.release());
  }
  /** Becomes the active host (MGC-2). */
  final void becomeActive(String rule, String why) {
    host.enter(new ActiveRole(host, host.env.nowMs()), rule, why);
    host.sendHeartbeats();
  }
}
