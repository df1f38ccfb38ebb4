package dev.hasim.mgc;

import dev.hasim.mgc.MgcHost.Command;
import dev.hasim.mgc.MgcHost.Heartbeat;
import dev.hasim.mgc.MgcHost.PomMsg;
import dev.hasim.mgc.MgcHost.Provision;
import dev.hasim.mgc.MgcHost.Tick;
import dev.hasim.mgc.PomCodes.EventType;
import dev.hasim.mgc.PomCodes.MgrState;
import dev.hasim.mgc.PomCodes.Platform;
import dev.hasim.mgc.PomCodes.PomStatus;
import dev.hasim.mgc.PomCodes.Subtype;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * ACTIVE (MGC-2, MGC-5, MGC-6, MGC-7, MGC-10, MGC-12): owns the provisioning session (prov-sta, prov-stp,
 * prov-cpy), pushes configurations to the standby (prov-dply, prov-sync) and answers MML when the standby
 * reports back or goes quiet; answers a starting standby's pull; yields when both hosts find themselves active.
 */
final class ActiveRole extends MgcRole {
  private static final Pattern VERSION_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private final long activeSinceMs;
  /** The provisioning session opened by prov-sta: its name and working copy, or null. */
  private ConfigLib.Version session;
  /** The MML command waiting for the peer's answer (prov-sync or prov-dply), or null. */
  private Mml.Verb pending;

  ActiveRole(MgcHost host, long activeSinceMs) {
    super(host);
    this.activeSinceMs = activeSinceMs;
  }

  @Override
  Platform platform() {
    return Platform.ACTIVE;
  }

  @Override
  long activeSinceMs() {
    return activeSinceMs;
  }

  @Override
  Behavior<Command> behavior() {
    return host.common(Behaviors.receive(Command.class)
        .onMessageEquals(Tick.RESPONSE_TIMEOUT, this::onResponseTimeout)).build();
  }

  // ---- Failover (MGC-2) ------------------------------------------------------------------------------------

  @Override
  void onPeerLost() {
    if (pending != null) {
      host.answer(Mml.deny(pending, PomStatus.POM_PEER_TIMEOUT), "the peer was lost on both links");
      pending = null;
      host.timers.cancel(Tick.RESPONSE_TIMEOUT);
      host.setMgrState(MgrState.READY);
    }
    super.onPeerLost();
  }

  /**
   * MGC-2 (Model): the links are back and both hosts are active. The one that became active later yields: it
   * goes out of service and comes up again as standby, syncing first if pom.dataSync says so.
   */
  @Override
  void onPeerHeartbeat(Heartbeat hb) {
    if (hb.platform() != Platform.ACTIVE) {
      return;
    }
    boolean iAmLater = activeSinceMs > hb.activeSinceMs() || (activeSinceMs == hb.activeSinceMs() && !host.preferred);
    if (!iAmLater) {
      return;
    }
    host.trace.decision("MGC-2", "both hosts are active once the links are back; " + host.self + " became active "
        + "later (" + activeSinceMs + " ms against " + hb.activeSinceMs() + " ms), so it yields and restarts as "
        + "standby");
    OutOfServiceRole yielding = new OutOfServiceRole(host);
    host.enter(yielding, "MGC-2", "yielding to " + host.peer + ", the earlier active");
    host.setMgrState(MgrState.READY);
    yielding.goStandby();
  }

  // ---- Provisioning MML (MGC-5, MGC-6, MGC-10, MGC-12) -----------------------------------------------------

  @Override
  void onProvisioningMml(Mml.Command command) {
    Mml.Verb verb = command.verb();
    switch (verb) {
      case PROV_STA -> provSta(command);
      case PROV_STP -> {
        if (session == null) {
          host.answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES), "no session to stop");
        } else {
          host.answer(Mml.compld(verb), "session " + session.name() + " closed without deploying");
          session = null;
        }
      }
      case PROV_CPY, PROV_DPLY -> provCommit(verb);
      case PROV_SYNC -> provSync();
      case SW_OVER -> switchOver();
      default -> throw new IllegalArgumentException("not a provisioning command: " + verb);
    }
  }

  private void provSta(Mml.Command command) {
    Mml.Verb verb = command.verb();
    String src = command.params().get("srcver");
    String dst = command.params().get("dstver");
    ConfigLib lib = host.lib;
    PomStatus refusal = null;
    if (session != null) {
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
      host.answer(Mml.deny(verb, refusal), "prov-sta refused");
      return;
    }
    session = lib.version(source).renamed(dst, host.nowS());
    host.trace.view("session", dst);
    host.answer(Mml.compld(verb), "provisioning session " + dst + " opened from " + source);
  }

  @Override
  Behavior<Command> onProvision(Provision p) {
    if (session == null) {
      return super.onProvision(p);
    }
    String file = p.table() + ".dat";
    ConfigLib.DataFile current = session.files().get(file);
    if (current == null) {
      host.trace.decision("MGC-6", "provisioning refused: session " + session.name() + " has no table " + p.table(),
          "provision", "rejected");
      return Behaviors.same();
    }
    session = session.with(current.edited(p.changes(), host.nowS()));
    host.trace.decision("MGC-6", p.changes() + " change(s) to " + p.table() + " in session " + session.name(),
        "provision", "accepted");
    return Behaviors.same();
  }

  /** MGC-10: whether the standby can take a push, with the code of the first reason not to. */
  private PomStatus peerRefusal() {
    if (pending != null) {
      return PomStatus.POM_SES_IN_USE;
    }
    if (host.peerHeartbeat == null || host.peerLost()) {
      return PomStatus.POM_STAND_ALONE;
    }
    if (host.peerHeartbeat.platform() != Platform.STANDBY) {
      return PomStatus.POM_PEER_NOT_STANDBY;
    }
    return null;
  }

  /** prov-cpy makes the session active here; prov-dply also pushes it to the standby (MGC-6). */
  private void provCommit(Mml.Verb verb) {
    if (session == null) {
      host.answer(Mml.deny(verb, PomStatus.POM_NO_ACTV_SES), "no provisioning session is open (prov-sta first)");
      return;
    }
    if (verb == Mml.Verb.PROV_DPLY) {
      PomStatus refusal = peerRefusal();
      if (refusal != null) {
        host.answer(Mml.deny(verb, refusal), "prov-dply refused");
        return;
      }
    }
    ConfigLib.Version committed = session;
    session = null;
    host.trace.view("session", null);
    host.lib.put(committed);
    host.activation.activate(committed.name(), committed.name(), "MGC-6");
    host.activation.pruneLibrary();
    if (verb == Mml.Verb.PROV_CPY) {
      host.answer(Mml.compld(verb), committed.name() + " is the active configuration on " + host.self);
      return;
    }
    host.trace.decision("MGC-6", "prov-dply: " + committed.name() + " is active here; push it to " + host.peer
        + " (peer message 708 POM_PEER_DEPLOY_MT)", MgcProperties.ACTIVATED_HERE, committed.name());
    request(verb, new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_DEPLOY_MT, PomStatus.XE_NORMAL,
        List.of(committed.name()), null, host.lib.release()));
  }

  /**
   * MGC-7: the operator's switchover, "the command or action that will trigger the failover" of the seed's debug
   * procedure (*Model*: the seed names none; the product's MML offers {@code sw-over::confirm}). This host goes
   * out of service; the standby hears it (MGC-2) and takes over; this host then finds an active peer and comes
   * back as standby, pulling the active configuration first when pom.dataSync = true ("sync at failover").
   * Refused like a push: without a standby peer (2028, 2031) or while a command waits for it (2001).
   */
  private void switchOver() {
    PomStatus refusal = peerRefusal();
    if (refusal != null) {
      host.answer(Mml.deny(Mml.Verb.SW_OVER, refusal), "switchover refused");
      return;
    }
    host.answer(Mml.compld(Mml.Verb.SW_OVER), "switch over to " + host.peer);
    session = null;
    host.trace.view("session", null);
    OutOfServiceRole handingOver = new OutOfServiceRole(host);
    host.enter(handingOver, "MGC-7", "operator switchover: " + host.self + " leaves the active role to "
        + host.peer + " and comes back as standby");
    host.setMgrState(MgrState.READY);
    host.sendHeartbeats();
    host.timers.startSingleTimer(Tick.START_DECIDE, Duration.ofMillis(host.settings.linkTimeoutMs()));
  }

  /** MGC-5: every CFG_ directory, for the standby to pull what differs. */
  private void provSync() {
    PomStatus refusal = peerRefusal();
    if (refusal != null) {
      host.answer(Mml.deny(Mml.Verb.PROV_SYNC, refusal), "prov-sync refused");
      return;
    }
    List<String> versions = host.lib.inCreationOrder();
    host.trace.decision("MGC-5", "prov-sync: ask " + host.peer + " to compare all " + versions.size()
        + " CFG_ directories and pull what differs (request 100/709)");
    request(Mml.Verb.PROV_SYNC, new PomMsg(EventType.POM_REQ_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL,
        versions, host.lib.activeLink(), host.lib.release(), host.lib.provLink()));
  }

  private void request(Mml.Verb verb, PomMsg message) {
    pending = verb;
    host.setMgrState(MgrState.PEER_WAIT);
    host.sendPeer(message);
    restartResponseTimer();
  }

  private void restartResponseTimer() {
    host.timers.startSingleTimer(Tick.RESPONSE_TIMEOUT, Duration.ofMillis(host.settings.responseTimeoutMs()));
  }

  private Behavior<Command> onResponseTimeout() {
    if (pending != null) {
      host.log(LogLevel.ERR, "MGC-10", "pomMgr::respTimerExpired: no response from peer, status "
          + PomStatus.POM_PEER_TIMEOUT.code);
      host.answer(Mml.deny(pending, PomStatus.POM_PEER_TIMEOUT), host.peer + " did not answer within "
          + host.settings.responseTimeoutMs() + " ms");
      pending = null;
      host.setMgrState(MgrState.READY);
    }
    return host.next();
  }

  // ---- POM peer messages -----------------------------------------------------------------------------------

  @Override
  void onPomMsg(PomMsg m) {
    if (m.type() == EventType.POM_RSP_T) {
      onResponse(m);
    } else if (m.subtype() == Subtype.POM_RESTART_RESP_TIMER_MT) {
      if (pending != null) {
        restartResponseTimer();
      }
    } else if (m.startupPull()) {
      // A standby starting up with pom.dataSync asks for the active configuration (MGC-7).
      host.trace.decision("MGC-7", host.peer + " asks for the active configuration: answer with "
          + host.lib.activeLink());
      host.spend(PomStepTimes.STARTUP_ANSWER);
      host.sendPeer(new PomMsg(EventType.POM_RSP_T, Subtype.POM_PEER_SYNC_MT, PomStatus.XE_NORMAL, null,
          host.lib.activeLink(), host.lib.release(), host.lib.provLink()));
    } else {
      super.onPomMsg(m);
    }
  }

  /** The standby's answer to prov-sync or prov-dply ends the MML command. */
  private void onResponse(PomMsg m) {
    if (pending == null) {
      return;
    }
    Mml.Verb verb = pending;
    pending = null;
    host.timers.cancel(Tick.RESPONSE_TIMEOUT);
    host.setMgrState(MgrState.READY);
    if (m.status() == PomStatus.XE_NORMAL) {
      host.answer(Mml.compld(verb), host.peer + " reports success (101/" + m.subtype().code + ", resp status 0)");
    } else if (m.status() == PomStatus.POM_XFER_ERR) {
      host.answer(Mml.denyTransfer(verb, m.status()), host.peer + " could not transfer every directory (resp status "
          + m.status().code + ")");
    } else {
      host.answer(Mml.deny(verb, m.status()), host.peer + " refused (resp status " + m.status().code + ")");
    }
  }
}
