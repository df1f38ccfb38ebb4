package dev.hasim.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One job at a time on a worker: pulls a job through its own {@link ConsumerController} (registered with the
 * Receptionist under {@link Coordinator#JOBS}), runs it on the worker's job threads, sends the outcome to the
 * coordinator in pieces, and confirms the job only once the coordinator says it has stored the result. So a
 * job is confirmed only when its result is safe; a worker that dies before that leaves the job unconfirmed,
 * and the coordinator's work-pulling producer hands it to another slot.
 */
public final class JobSlot {
  /** A job as the coordinator hands it out. {@code spec} is its kind's encoding of the description. */
  public record Work(long jobId, String kind, byte[] spec, ActorRef<Coordinator.Command> resultsTo)
      implements ClusterMessage {}

  public sealed interface Command permits Stored, Delivered, Executed, ResendTick {}

  /** The coordinator holds the result of {@code jobId}: confirm the job and take the next. */
  public record Stored(long jobId) implements Command, ClusterMessage {}

  private record Delivered(ConsumerController.Delivery<Work> delivery) implements Command {}

  private record Executed(byte[] outcome, String error) implements Command {}

  private enum ResendTick implements Command { INSTANCE }

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Map<String, JobKind<?, ?>> kinds;
  private final Executor jobThreads;
  private final String worker;
  private final ClusterSettings settings;
  private final AtomicLong jobsDone;

  private JobSlot(ActorContext<Command> context, TimerScheduler<Command> timers, Map<String, JobKind<?, ?>> kinds,
      Executor jobThreads, String worker, ClusterSettings settings, AtomicLong jobsDone) {
    this.context = context;
    this.timers = timers;
    this.kinds = kinds;
    this.jobThreads = jobThreads;
    this.worker = worker;
    this.settings = settings;
    this.jobsDone = jobsDone;
  }

  /**
   * @param worker how the coordinator's progress names this JVM ({@code host:port}, or "coordinator")
   * @param jobsDone counts the jobs whose result the coordinator stored
   */
  static Behavior<Command> create(Map<String, JobKind<?, ?>> kinds, Executor jobThreads, String worker,
      ClusterSettings settings, AtomicLong jobsDone) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ActorRef<ConsumerController.Command<Work>> consumerController =
          context.spawn(ConsumerController.create(Coordinator.JOBS), "jobs");
      consumerController.tell(new ConsumerController.Start<>(
          context.messageAdapter(ConsumerController.deliveryClass(), Delivered::new)));
      return new JobSlot(context, timers, kinds, jobThreads, worker, settings, jobsDone).idle();
    }));
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessage(Delivered.class, this::onDelivered)
        .onMessage(Stored.class, stored -> Behaviors.same()) // a late duplicate acknowledgement
        .build();
  }

  private Behavior<Command> running(ConsumerController.Delivery<Work> delivery) {
    return Behaviors.receive(Command.class)
        .onMessage(Executed.class, executed -> onExecuted(delivery, executed))
        .onMessage(Stored.class, stored -> Behaviors.same())
        .build();
  }

  private Behavior<Command> awaitingStore(ConsumerController.Delivery<Work> delivery, List<Coordinator.Command> result,
      int attempt) {
    return Behaviors.receive(Command.class)
        .onMessage(Stored.class, stored -> onStored(delivery, stored))
        .onMessage(ResendTick.class, tick -> onResendTick(delivery, result, attempt))
        .build();
  }

  private Behavior<Command> onDelivered(Delivered delivered) {
    Work work = delivered.delivery().message();
    work.resultsTo().tell(new Coordinator.Started(work.jobId(), worker));
    context.pipeToSelf(CompletableFuture.supplyAsync(() -> execute(work), jobThreads),
        (outcome, failure) -> failure == null ? new Executed(outcome, null) : new Executed(null, describe(failure)));
    return running(delivered.delivery());
  }

  private Behavior<Command> onExecuted(ConsumerController.Delivery<Work> delivery, Executed executed) {
    Work work = delivery.message();
    List<Coordinator.Command> result = executed.error() != null
        ? List.of(new Coordinator.JobFailed(work.jobId(), worker, executed.error(), context.getSelf()))
        : chunks(work.jobId(), executed.outcome());
    result.forEach(work.resultsTo()::tell);
    timers.startSingleTimer(ResendTick.INSTANCE, settings.resultAckTimeout());
    return awaitingStore(delivery, result, 1);
  }

  private Behavior<Command> onStored(ConsumerController.Delivery<Work> delivery, Stored stored) {
    if (stored.jobId() != delivery.message().jobId()) {
      return Behaviors.same();
    }
    timers.cancel(ResendTick.INSTANCE);
    jobsDone.incrementAndGet();
    delivery.confirmTo().tell(ConsumerController.confirmed());
    return idle();
  }

  /** No acknowledgement: the pieces or the answer were lost on the way (the coordinator dedupes repeats). */
  private Behavior<Command> onResendTick(ConsumerController.Delivery<Work> delivery, List<Coordinator.Command> result,
      int attempt) {
    if (attempt >= settings.resultAttempts()) {
      // Giving up stops this slot and its consumer controller, so the unconfirmed job goes to another slot.
      throw new IllegalStateException("the coordinator did not acknowledge the result of job "
          + delivery.message().jobId() + " after " + attempt + " attempts");
    }
    result.forEach(delivery.message().resultsTo()::tell);
    timers.startSingleTimer(ResendTick.INSTANCE, settings.resultAckTimeout());
    return awaitingStore(delivery, result, attempt + 1);
  }

  private byte[] execute(Work work) {
    JobKind<?, ?> kind = kinds.get(work.kind());
    if (kind == null) {
      throw new IllegalStateException("this worker does not know jobs of kind \"" + work.kind() + "\" (it knows "
          + kinds.keySet() + "); run the same hasim build on every machine");
    }
    try {
      return run(kind, work.spec());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private static <S> byte[] run(JobKind<S, ?> kind, byte[] spec) throws Exception {
    return kind.execute(kind.decodeSpec(spec));
  }

  private List<Coordinator.Command> chunks(long jobId, byte[] outcome) {
    int size = settings.resultChunkBytes();
    int count = Math.max(1, (outcome.length + size - 1) / size);
    // Unique per execution: a resend repeats the same pieces; a run of the same job elsewhere has its own.
    String transfer = worker + "/" + context.getSelf().path().name() + "/" + jobId + "/" + System.nanoTime();
    List<Coordinator.Command> pieces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] piece = Arrays.copyOfRange(outcome, i * size, Math.min(outcome.length, (i + 1) * size));
      pieces.add(new Coordinator.OutcomeChunk(jobId, transfer, i, count, piece, worker, context.getSelf()));
    }
    return pieces;
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause.getMessage() == null ? cause.toString() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
