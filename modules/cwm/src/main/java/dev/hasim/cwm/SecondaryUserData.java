package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.DatabaseInSync;
import dev.hasim.cwm.CwmGateway.Provision;
import dev.hasim.cwm.CwmGateway.ProvisionRequest;
import dev.hasim.cwm.CwmGateway.ProvisionResult;
import dev.hasim.cwm.CwmGateway.UserData;
import dev.hasim.cwm.CwmGateway.UserDataAck;
import dev.hasim.cwm.CwmGateway.UserDataChange;
import dev.hasim.cwm.CwmGateway.UserDataRequest;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Secondary's part in user data (CWM-12, CWM-18, CWM-19, CWM-21): it pulls the Primary's tables once the
 * Primary has synced with the network, applies the changes the Primary propagates, and asks the Primary for
 * the lock on its own changes. CWM-12: a Secondary without a connection to its Primary cannot provision user
 * data: in degraded mode, between two Primaries (waiting for the nominee of a handover), and for a request
 * still unanswered when the connection is found lost. The Primary and the mode are the Secondary's, passed
 * in; the only state here is the requests awaiting the Primary's answer, which end with the role.
 */
final class SecondaryUserData {
  private final CwmGateway g;
  /** This Secondary's own changes sent to the Primary and not answered yet, by lock key. */
  private final Map<String, UserTables.Change> awaitingAnswer = new TreeMap<>();

  SecondaryUserData(CwmGateway g) {
    this.g = g;
  }

  /** CWM-21: pull the Primary's user tables, or wait until it has synced with the network. */
  void request(String primary, boolean primaryInSync) {
    if (!primaryInSync) {
      g.trace.decision("CWM-21", "waiting for Primary " + primary + " to finish syncing with the network "
          + "(trap 28075 svDatabaseInSync) before pulling user data");
      g.trace.view("dssync", "WAITING_FOR_PRIMARY");
      return;
    }
    g.trace.view("dssync", "SYNCING");
    g.env.send(primary, new UserDataRequest(g.self, "sync"));
  }

  Behavior<Command> onDatabaseInSync(DatabaseInSync notice, String primary) {
    if (notice.from().equals(primary)) {
      request(primary, true);
    }
    return Behaviors.same();
  }

  Behavior<Command> onSync(UserData data, String primary) {
    if (data.from().equals(primary)) {
      g.replaceTables(data.tables());
      g.trace.decision("CWM-19", "user tables received from Primary " + primary + " (" + data.tables().rows()
          + " rows)");
      g.trace.view("dssync", "IN_SYNC");
    }
    return Behaviors.same();
  }

  Behavior<Command> onChange(UserDataChange change, String primary) {
    if (change.from().equals(primary)) {
      g.tables().apply(change.change());
      g.publishTables();
      g.env.send(primary, new UserDataAck(g.self, change.change().table() + "/" + change.change().key()));
    }
    return Behaviors.same();
  }

  /**
   * CWM-12, CWM-19: a Secondary's own change goes through the Primary's lock, so not in degraded mode nor
   * while it waits for a new Primary ({@code nominee}, null when it follows {@code primary}).
   */
  Behavior<Command> onProvision(Provision provision, String primary, boolean degraded, String nominee) {
    if (degraded) {
      return g.rejectProvision(provision, "degraded mode: adding, deleting or modifying user data is suspended on "
          + "a Secondary until the Primary is reachable (CWM-12)");
    }
    if (nominee != null) {
      return g.rejectProvision(provision, "no Primary to take the lock from: waiting for " + nominee + " to take "
          + "over and this gateway to re-register (CWM-7); user data cannot be provisioned meanwhile (CWM-12)");
    }
    UserTables.Change change = CwmGateway.change(provision);
    g.trace.decision("CWM-19", "provision " + change.op() + " " + change.table() + "/" + change.key()
        + ": requesting the lock from Primary " + primary);
    awaitingAnswer.put(change.table() + "/" + change.key(), change);
    g.env.send(primary, new ProvisionRequest(g.self, change));
    return Behaviors.same();
  }

  /**
   * CWM-12: the connection to {@code primary} is found lost (degraded mode) with requests still unanswered.
   * The Primary may or may not have applied them; the user is told the change is not confirmed, and the
   * tables re-sync from the Primary when it is heard again (CWM-18). A late answer is still recorded.
   */
  void onConnectionLost(String primary) {
    for (UserTables.Change change : awaitingAnswer.values()) {
      g.trace.decision("CWM-12", "provision " + change.op() + " " + change.table() + "/" + change.key()
          + " not confirmed: connectivity to Primary " + primary + " was lost before it answered; user data "
          + "cannot be provisioned until it returns, and the tables then re-sync from it (CWM-18)",
          "provision", "unconfirmed");
    }
    awaitingAnswer.clear();
  }

  Behavior<Command> onProvisionResult(ProvisionResult result) {
    awaitingAnswer.remove(result.change().table() + "/" + result.change().key());
    g.trace.decision("CWM-19", "provision " + result.change().table() + "/" + result.change().key() + " "
        + (result.ok() ? "done" : "refused") + ": " + result.why(), "provision", result.ok() ? "accepted" : "refused");
    return Behaviors.same();
  }
}
