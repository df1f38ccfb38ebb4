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
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Secondary's part in user data (CWM-12, CWM-18, CWM-19, CWM-21): it pulls the Primary's tables once the
 * Primary has synced with the network, applies the changes the Primary propagates, and asks the Primary for
 * the lock on its own changes, except in degraded mode. It keeps no state: the Primary and the mode are the
 * Secondary's, passed in.
 */
final class SecondaryUserData {
  private final CwmGateway g;

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

  /** CWM-12, CWM-19: a Secondary's own change goes through the Primary's lock, never in degraded mode. */
  Behavior<Command> onProvision(Provision provision, String primary, boolean degraded) {
    if (degraded) {
      return g.rejectProvision(provision, "degraded mode: adding, deleting or modifying user data is suspended on "
          + "a Secondary until the Primary is reachable (CWM-12)");
    }
    UserTables.Change change = CwmGateway.change(provision);
    g.trace.decision("CWM-19", "provision " + change.op() + " " + change.table() + "/" + change.key()
        + ": requesting the lock from Primary " + primary);
    g.env.send(primary, new ProvisionRequest(g.self, change));
    return Behaviors.same();
  }

  Behavior<Command> onProvisionResult(ProvisionResult result) {
    g.trace.decision("CWM-19", "provision " + result.change().table() + "/" + result.change().key() + " "
        + (result.ok() ? "done" : "refused") + ": " + result.why(), "provision", result.ok() ? "accepted" : "refused");
    return Behaviors.same();
  }
}
