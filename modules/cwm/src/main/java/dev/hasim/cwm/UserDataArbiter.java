package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.ProvisionResult;
import dev.hasim.cwm.CwmGateway.Tick;
import dev.hasim.cwm.CwmGateway.UserData;
import dev.hasim.cwm.CwmGateway.UserDataAck;
import dev.hasim.cwm.CwmGateway.UserDataChange;
import dev.hasim.cwm.CwmGateway.UserDataRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * CWM-19, CWM-21: a Primary's part in user data. It answers its Secondaries' sync requests once the network is
 * discovered, and arbitrates every change: it locks the element, applies the change, propagates it and unlocks
 * once every reachable Secondary has acknowledged (or after {@link CwmGateway#LOCK_TIMEOUT_HEARTBEATS}).
 * Part of the Primary's state: it sees the same registry and ends with the reign.
 */
final class UserDataArbiter {
  private record Lock(String holder, UserTables.Change change, Set<String> awaiting) {}

  private final CwmGateway g;
  private final List<String> registry;
  private final Set<String> lostSecondaries;
  private final Map<String, Lock> locks = new TreeMap<>();

  UserDataArbiter(CwmGateway g, List<String> registry, Set<String> lostSecondaries) {
    this.g = g;
    this.registry = registry;
    this.lostSecondaries = lostSecondaries;
  }

  Behavior<Command> onSyncRequest(UserDataRequest request) {
    if (!g.databaseInSync) {
      return Behaviors.same(); // CWM-21: answered with DatabaseInSync once the network sync completes
    }
    g.env.send(request.from(), new UserData(g.self, g.tables().copy(), request.purpose()));
    return Behaviors.same();
  }

  /** CWM-19: the Primary locks the element, applies the change, propagates it, unlocks on every ack. */
  Behavior<Command> arbitrate(String requester, UserTables.Change change) {
    String lockKey = change.table() + "/" + change.key();
    Lock held = locks.get(lockKey);
    if (held != null) {
      String why = "lock on " + lockKey + " is held by " + held.holder();
      g.trace.decision("CWM-19", "provision from " + requester + " refused: " + why, "provision", "refused");
      if (!requester.equals(g.self)) {
        g.env.send(requester, new ProvisionResult(g.self, change, false, why));
      }
      return Behaviors.same();
    }
    UserTables.Change stamped = new UserTables.Change(change.table(), change.key(), change.op(),
        change.op().equals("delete") ? null : "rev-" + (++g.revision) + "@" + requester);
    Set<String> awaiting = new TreeSet<>();
    for (String secondary : registry) {
      if (!lostSecondaries.contains(secondary)) {
        awaiting.add(secondary);
      }
    }
    g.trace.decision("CWM-19", requester + " " + change.op() + "s " + lockKey + ": lock granted by the Primary, "
        + "change propagated to " + registry.size() + " Secondaries", "provision", "accepted", "lock", lockKey);
    g.tables().apply(stamped);
    g.publishTables();
    for (String secondary : registry) {
      g.env.send(secondary, new UserDataChange(g.self, stamped));
    }
    if (!requester.equals(g.self)) {
      g.env.send(requester, new ProvisionResult(g.self, stamped, true, "applied by the Primary"));
    }
    if (!awaiting.isEmpty()) {
      locks.put(lockKey, new Lock(requester, stamped, awaiting));
      g.timers.startSingleTimer(Tick.LOCK_EXPIRED,
          Duration.ofMillis(CwmGateway.LOCK_TIMEOUT_HEARTBEATS * g.conf().heartbeatMs()));
    }
    return Behaviors.same();
  }

  Behavior<Command> onAck(UserDataAck ack) {
    Lock lock = locks.get(ack.lockKey());
    if (lock != null) {
      lock.awaiting().remove(ack.from());
      if (lock.awaiting().isEmpty()) {
        locks.remove(ack.lockKey());
      }
    }
    return Behaviors.same();
  }

  Behavior<Command> expireLocks() {
    for (String key : List.copyOf(locks.keySet())) {
      g.trace.decision("CWM-19", "lock on " + key + " released after " + CwmGateway.LOCK_TIMEOUT_HEARTBEATS
          + " heartbeats without every acknowledgement " + locks.get(key).awaiting());
    }
    locks.clear();
    return Behaviors.same();
  }
}
