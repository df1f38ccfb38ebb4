package dev.hasim.scenario.example;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The worked example of docs/adding-a-model.md: a node of a beacon group. Every node beacons to its peers;
 * the first node of the group's list that is heard leads (BEACON-1), the others follow it (BEACON-2), and a
 * follower that hears no earlier node for three intervals takes the lead (BEACON-3). Two roles, each a
 * behaviour with its own state; the protocol nested and sealed; ticks private.
 */
public final class BeaconNode {
  public static final String LEADER = "LEADER";
  public static final String FOLLOWER = "FOLLOWER";

  public sealed interface Command permits Beacon, Tick, Shutdown {}

  /** Sent to every peer each interval. */
  public record Beacon(String from) implements Command {}

  public enum Shutdown implements Command { INSTANCE }

  private enum Tick implements Command { SEND, SILENCE }

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Command> timers;
  private final BeaconConfig config;

  public static Behavior<Command> create(NodeEnv env, BeaconConfig config) {
    return Behaviors.setup(ctx -> new BeaconNode(env, env.timers(ctx), config).start());
  }

  private BeaconNode(NodeEnv env, TimerScheduler<Command> timers, BeaconConfig config) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.config = config;
  }

  private Behavior<Command> start() {
    timers.startTimerAtFixedRate(Tick.SEND, Duration.ofMillis(config.intervalMs()));
    return follower(null, "BEACON-3", "started; no earlier node heard yet");
  }

  private int rank(String node) {
    return config.group().indexOf(node);
  }

  // ---- FOLLOWER (BEACON-2, BEACON-3) -----------------------------------------------------------------------

  /** Follows {@code leader} (null: none heard yet), watching it for silence; the role's state is its own. */
  private Behavior<Command> follower(String leader, String rule, String why) {
    trace.decision(rule, why, "leader", leader);
    trace.role(FOLLOWER, rule);
    trace.view("leader", leader);
    Following state = new Following(leader);
    state.watch();
    return Behaviors.receive(Command.class)
        .onMessage(Beacon.class, b -> rank(b.from()) < rank(env.self()), state::onEarlierBeacon)
        .onMessageEquals(Tick.SEND, this::sendBeacons)
        .onMessageEquals(Tick.SILENCE, state::onSilence)
        .onMessageEquals(Shutdown.INSTANCE, Behaviors::stopped)
        .build();
  }

  /** A follower's state: its leader and the earliest other node it heard since the leader last spoke. */
  private final class Following {
    private final String leader;
    private String earliestHeard;

    Following(String leader) {
      this.leader = leader;
    }

    void watch() {
      timers.startSingleTimer(Tick.SILENCE, Duration.ofMillis(3 * config.intervalMs()));
    }

    Behavior<Command> onEarlierBeacon(Beacon beacon) {
      if (beacon.from().equals(leader)) {
        earliestHeard = null;
        watch();
      } else if (leader == null || rank(beacon.from()) < rank(leader)) {
        return follower(beacon.from(), "BEACON-2", beacon.from() + " comes earlier in the group's list");
      } else if (earliestHeard == null || rank(beacon.from()) < rank(earliestHeard)) {
        earliestHeard = beacon.from();
      }
      return Behaviors.same();
    }

    /** BEACON-3: the leader is silent for three intervals: follow the earliest node still heard, or lead. */
    Behavior<Command> onSilence() {
      if (earliestHeard != null) {
        return follower(earliestHeard, "BEACON-3", leader + " silent for 3 intervals; " + earliestHeard
            + " is the earliest node still heard");
      }
      return leader("BEACON-3", "no earlier node heard for 3 intervals");
    }
  }

  // ---- LEADER (BEACON-1) -----------------------------------------------------------------------------------

  private Behavior<Command> leader(String rule, String why) {
    trace.decision(rule, why, "leader", env.self());
    trace.role(LEADER, rule);
    trace.view("leader", env.self());
    return Behaviors.receive(Command.class)
        .onMessage(Beacon.class, b -> rank(b.from()) < rank(env.self()),
            b -> follower(b.from(), "BEACON-1", b.from() + " comes earlier in the group's list: it leads"))
        .onMessageEquals(Tick.SEND, this::sendBeacons)
        .onMessageEquals(Shutdown.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> sendBeacons() {
    for (String peer : config.group()) {
      if (!peer.equals(env.self())) {
        env.send(peer, new Beacon(env.self()));
      }
    }
    return Behaviors.same();
  }
}
