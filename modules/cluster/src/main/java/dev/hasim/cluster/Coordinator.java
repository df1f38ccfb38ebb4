package dev.hasim.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.delivery.WorkPullingProducerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The coordinator's guardian: hands jobs to whichever worker slot asks (Pekko's work-pulling producer, which
 * finds slots through the Receptionist and hands a departed slot's unconfirmed jobs to another), assembles
 * results, keeps the first result of each job and acknowledges every copy, and tells the session's thread
 * what happened. It runs no job itself unless no worker has been there for {@code solo-after}.
 */
public final class Coordinator {
  /** Where worker slots register their consumer controllers. */
  public static final ServiceKey<ConsumerController.Command<JobSlot.Work>> JOBS =
      ServiceKey.create(ConsumerController.serviceKeyClass(), "hasim-jobs");

  /** How the progress names the coordinator's own slots. */
  public static final String SELF = "coordinator";

  private static final int MAX_PARTIAL_RESULTS = 4096;
  private static final Duration TICK = Duration.ofSeconds(1);

  public sealed interface Command
      permits Submit, Started, OutcomeChunk, JobFailed, NextRequested, SlotsChanged, ReachabilityChanged, Tick {}

  /** From the session: jobs to hand out, each with an id unique in the session. */
  record Submit(List<Job> jobs) implements Command {}

  record Job(long jobId, String kind, byte[] spec) {}

  /** A slot took a job: for progress, and to say which jobs a lost worker held. */
  public record Started(long jobId, String worker) implements Command, ClusterMessage {}

  /** Piece {@code index} of {@code count} of one execution's outcome ({@code transfer} names the execution). */
  public record OutcomeChunk(long jobId, String transfer, int index, int count, byte[] bytes, String worker,
      ActorRef<JobSlot.Command> replyTo) implements Command, ClusterMessage {}

  /** The job threw on the worker: a deterministic job would throw anywhere, so it is not run again. */
  public record JobFailed(long jobId, String worker, String error, ActorRef<JobSlot.Command> replyTo)
      implements Command, ClusterMessage {}

  private record NextRequested(WorkPullingProducerController.RequestNext<JobSlot.Work> next) implements Command {}

  private record SlotsChanged(Set<ActorRef<ConsumerController.Command<JobSlot.Work>>> slots) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private enum Tick implements Command { INSTANCE }

  /** What the session's thread hears: results, and the cluster's changes for the progress lines. */
  sealed interface Event {}

  record Done(long jobId, String worker, byte[] outcome) implements Event {}

  record Failed(long jobId, String worker, String error) implements Event {}

  /** A job's result came again (its worker died after sending it, or an acknowledgement was lost). */
  record Duplicate(long jobId, String worker) implements Event {}

  record WorkerJoined(String worker, int slots) implements Event {}

  /** The worker left or was downed; {@code unfinished} jobs it had started go to other slots. */
  record WorkerLeft(String worker, List<Long> unfinished) implements Event {}

  record Unreachable(String worker, boolean reachableAgain) implements Event {}

  record Solo(int slots, Duration waited) implements Event {}

  private final ActorContext<Command> context;
  private final BlockingQueue<Event> events;
  private final Map<String, JobKind<?, ?>> kinds;
  private final int ownSlots;
  private final Executor ownJobThreads;
  private final ClusterSettings settings;

  private final ArrayDeque<JobSlot.Work> pending = new ArrayDeque<>();
  private final Set<Long> finished = new HashSet<>();
  private final Map<Long, String> started = new HashMap<>();
  private final Map<String, byte[][]> partial = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[][]> eldest) {
      return size() > MAX_PARTIAL_RESULTS; // a dropped piece is resent after the slot's acknowledgement timeout
    }
  };
  private Map<String, Integer> workers = new TreeMap<>();
  private WorkPullingProducerController.RequestNext<JobSlot.Work> demand;
  private long submitted;
  private long noWorkerSinceNanos = System.nanoTime();
  private boolean solo;

  private Coordinator(ActorContext<Command> context, BlockingQueue<Event> events, Map<String, JobKind<?, ?>> kinds,
      int ownSlots, Executor ownJobThreads, ClusterSettings settings) {
    this.context = context;
    this.events = events;
    this.kinds = kinds;
    this.ownSlots = ownSlots;
    this.ownJobThreads = ownJobThreads;
    this.settings = settings;
  }

  static Behavior<Command> create(BlockingQueue<Event> events, Map<String, JobKind<?, ?>> kinds, int ownSlots,
      Executor ownJobThreads, ClusterSettings settings) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(context.getSystem());
      if (settings.config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address())); // the first seed node
      }
      cluster.subscriptions().tell(Subscribe.create(
          context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
          ClusterEvent.ReachabilityEvent.class));
      context.getSystem().receptionist().tell(Receptionist.subscribe(JOBS, context.messageAdapter(
          Receptionist.Listing.class, listing -> new SlotsChanged(listing.getAllServiceInstances(JOBS)))));
      ActorRef<WorkPullingProducerController.Command<JobSlot.Work>> producer = context.spawn(
          WorkPullingProducerController.create(JobSlot.Work.class, "hasim-jobs", JOBS, java.util.Optional.empty()),
          "producer");
      producer.tell(new WorkPullingProducerController.Start<>(
          context.messageAdapter(WorkPullingProducerController.requestNextClass(), NextRequested::new)));
      timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
      return new Coordinator(context, events, kinds, ownSlots, ownJobThreads, settings).coordinating();
    }));
  }

  private Behavior<Command> coordinating() {
    return Behaviors.receive(Command.class)
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(NextRequested.class, this::onNextRequested)
        .onMessage(Started.class, this::onStarted)
        .onMessage(OutcomeChunk.class, this::onOutcomeChunk)
        .onMessage(JobFailed.class, this::onJobFailed)
        .onMessage(SlotsChanged.class, this::onSlotsChanged)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .onMessage(Tick.class, tick -> onTick())
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    for (Job job : submit.jobs()) {
      pending.add(new JobSlot.Work(job.jobId(), job.kind(), job.spec(), context.getSelf()));
      submitted++;
    }
    return handOut();
  }

  private Behavior<Command> onNextRequested(NextRequested next) {
    demand = next.next();
    return handOut();
  }

  /** One job per request: the producer asks again as soon as any slot has room. */
  private Behavior<Command> handOut() {
    if (demand != null && !pending.isEmpty()) {
      demand.sendNextTo().tell(pending.poll());
      demand = null;
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStarted(Started s) {
    if (!finished.contains(s.jobId())) {
      started.put(s.jobId(), s.worker());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onOutcomeChunk(OutcomeChunk chunk) {
    if (chunk.count() < 1 || chunk.index() < 0 || chunk.index() >= chunk.count()) {
      return Behaviors.same(); // not from a hasim worker of this build
    }
    byte[][] pieces = partial.computeIfAbsent(chunk.transfer(), t -> new byte[chunk.count()][]);
    if (pieces.length != chunk.count()) {
      return Behaviors.same();
    }
    pieces[chunk.index()] = chunk.bytes();
    for (byte[] piece : pieces) {
      if (piece == null) {
        return Behaviors.same();
      }
    }
    partial.remove(chunk.transfer());
    if (finished.add(chunk.jobId())) {
      started.remove(chunk.jobId());
      events.add(new Done(chunk.jobId(), chunk.worker(), concat(pieces)));
    } else {
      events.add(new Duplicate(chunk.jobId(), chunk.worker()));
    }
    chunk.replyTo().tell(new JobSlot.Stored(chunk.jobId()));
    return Behaviors.same();
  }

  private Behavior<Command> onJobFailed(JobFailed failed) {
    if (finished.add(failed.jobId())) {
      started.remove(failed.jobId());
      events.add(new Failed(failed.jobId(), failed.worker(), failed.error()));
    }
    failed.replyTo().tell(new JobSlot.Stored(failed.jobId()));
    return Behaviors.same();
  }

  private Behavior<Command> onSlotsChanged(SlotsChanged changed) {
    Map<String, Integer> now = new TreeMap<>();
    for (ActorRef<ConsumerController.Command<JobSlot.Work>> slot : changed.slots()) {
      now.merge(workerOf(slot), 1, Integer::sum);
    }
    now.forEach((worker, slots) -> {
      if (!workers.containsKey(worker)) {
        events.add(new WorkerJoined(worker, slots));
      }
    });
    for (String worker : workers.keySet()) {
      if (!now.containsKey(worker)) {
        List<Long> unfinished = started.entrySet().stream().filter(e -> e.getValue().equals(worker))
            .map(Map.Entry::getKey).sorted().toList();
        unfinished.forEach(started::remove);
        events.add(new WorkerLeft(worker, unfinished));
      }
    }
    if (now.isEmpty() && !workers.isEmpty()) {
      noWorkerSinceNanos = System.nanoTime();
    }
    workers = now;
    return Behaviors.same();
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged changed) {
    ClusterEvent.ReachabilityEvent event = changed.event();
    events.add(new Unreachable(label(event.member().address()), event instanceof ClusterEvent.ReachableMember));
    return Behaviors.same();
  }

  /** No worker for solo-after while jobs wait: the coordinator becomes a worker too (once). */
  private Behavior<Command> onTick() {
    long waitedNanos = System.nanoTime() - noWorkerSinceNanos;
    if (!solo && workers.isEmpty() && submitted > finished.size() && waitedNanos >= settings.soloAfter().toNanos()) {
      solo = true;
      for (int i = 0; i < ownSlots; i++) {
        context.spawn(JobSlot.create(kinds, ownJobThreads, SELF, settings, new AtomicLong()), "own-slot-" + i);
      }
      events.add(new Solo(ownSlots, Duration.ofNanos(waitedNanos)));
    }
    return Behaviors.same();
  }

  private static String workerOf(ActorRef<?> slot) {
    return slot.path().address().getHost().isEmpty() ? SELF : label(slot.path().address());
  }

  /** {@code host:port}, as the user typed it in --join. */
  static String label(org.apache.pekko.actor.Address address) {
    return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
  }

  private static byte[] concat(byte[][] pieces) {
    int length = 0;
    for (byte[] piece : pieces) {
      length += piece.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] piece : pieces) {
      System.arraycopy(piece, 0, all, at, piece.length);
      at += piece.length;
    }
    return all;
  }
}
