package dev.hasim.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A worker JVM's guardian: joins the coordinator, starts its job slots once it is a member, and stops the
 * actor system when the coordinator leaves (the sweep is over), when it cannot join in time, or when it is
 * itself removed (Pekko's downing stops the system). {@link State} tells the command which of these it was.
 */
final class WorkerNode {
  sealed interface Command permits Joined, MemberChanged, JoinTimeout {}

  private record Joined(SelfUp up) implements Command {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private enum JoinTimeout implements Command { INSTANCE }

  /** How the worker's run went, read by the command once the actor system has stopped. */
  static final class State {
    volatile String self;
    volatile boolean joined;
    volatile boolean coordinatorLeft;
    volatile boolean gaveUp;
    final java.util.concurrent.CompletableFuture<Void> joinedNow = new java.util.concurrent.CompletableFuture<>();
    final AtomicLong jobsDone = new AtomicLong();
  }

  private final ActorContext<Command> context;
  private final Map<String, JobKind<?, ?>> kinds;
  private final Executor jobThreads;
  private final int slots;
  private final ClusterSettings settings;
  private final State state;

  private WorkerNode(ActorContext<Command> context, Map<String, JobKind<?, ?>> kinds, Executor jobThreads, int slots,
      ClusterSettings settings, State state) {
    this.context = context;
    this.kinds = kinds;
    this.jobThreads = jobThreads;
    this.slots = slots;
    this.settings = settings;
    this.state = state;
  }

  static Behavior<Command> create(Endpoint coordinator, Map<String, JobKind<?, ?>> kinds, Executor jobThreads,
      int slots, ClusterSettings settings, State state) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(context.getSystem());
      state.self = Coordinator.label(cluster.selfMember().address());
      cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(SelfUp.class, Joined::new), SelfUp.class));
      cluster.subscriptions().tell(Subscribe.create(
          context.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new), ClusterEvent.MemberEvent.class));
      if (settings.config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        Address seed = new Address("pekko", ClusterSettings.SYSTEM_NAME, coordinator.host(), coordinator.port());
        cluster.manager().tell(new JoinSeedNodes(List.of(seed)));
      }
      timers.startSingleTimer(JoinTimeout.INSTANCE, settings.joinTimeout());
      return new WorkerNode(context, kinds, jobThreads, slots, settings, state).joining(timers);
    }));
  }

  private Behavior<Command> joining(TimerScheduler<Command> timers) {
    return Behaviors.receive(Command.class)
        .onMessage(Joined.class, joined -> onJoined(timers))
        .onMessage(JoinTimeout.class, timeout -> onJoinTimeout())
        .onMessage(MemberChanged.class, changed -> Behaviors.same())
        .build();
  }

  private Behavior<Command> member() {
    return Behaviors.receive(Command.class)
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(Joined.class, joined -> Behaviors.same())
        .onMessage(JoinTimeout.class, timeout -> Behaviors.same())
        .build();
  }

  private Behavior<Command> onJoined(TimerScheduler<Command> timers) {
    timers.cancel(JoinTimeout.INSTANCE);
    state.joined = true;
    state.joinedNow.complete(null);
    for (int i = 0; i < slots; i++) {
      context.spawn(JobSlot.create(kinds, jobThreads, state.self, settings, state.jobsDone), "slot-" + i);
    }
    return member();
  }

  private Behavior<Command> onJoinTimeout() {
    state.gaveUp = true;
    context.getSystem().terminate();
    return Behaviors.same();
  }

  /** The coordinator leaving means the sweep is over: stop, so the command can exit 0. */
  private Behavior<Command> onMemberChanged(MemberChanged changed) {
    ClusterEvent.MemberEvent event = changed.event();
    boolean leaving = event instanceof ClusterEvent.MemberLeft || event instanceof ClusterEvent.MemberExited
        || event instanceof ClusterEvent.MemberRemoved;
    if (leaving && event.member().hasRole(ClusterSettings.COORDINATOR_ROLE)) {
      state.coordinatorLeft = true;
      context.getSystem().terminate();
    }
    return Behaviors.same();
  }
}
