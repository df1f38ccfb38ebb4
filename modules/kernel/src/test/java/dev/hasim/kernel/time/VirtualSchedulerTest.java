package dev.hasim.kernel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.pekko.actor.Cancellable;
import scala.concurrent.ExecutionContext;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

class VirtualSchedulerTest {
  /** Runs scheduled work on the calling thread, as Pekko's typed timers do. */
  private static final ExecutionContext INLINE = ExecutionContext.fromExecutor(Runnable::run);
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final List<String> ran = new ArrayList<>();

  private static FiniteDuration ms(long ms) {
    return FiniteDuration.create(ms, "ms");
  }

  private void runAll() {
    long next;
    while ((next = scheduler.nextDeadline()) != Long.MAX_VALUE) {
      scheduler.advanceTo(next);
    }
  }

  /** A task that names itself when it runs. */
  private final class Named extends TimedTask {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public void run() {
      ran.add(name);
    }
  }

  /**
   * A bucket taken from the front while tasks are appended at its back (each task schedules two more at its own
   * instant, so the bucket grows and its array is reused past the half) keeps the order they were scheduled in.
   */
  @Test
  void tasksAppendedToTheInstantBeingRunRunInTheOrderTheyWereScheduled() {
    List<Integer> order = new ArrayList<>();
    int[] next = {1};
    class Spawning extends TimedTask {
      private final int id;

      Spawning(int id) {
        this.id = id;
      }

      @Override
      public void run() {
        order.add(id);
        for (int k = 0; k < 2 && next[0] < 5000; k++) {
          scheduler.scheduleAt(scheduler.nowNanos(), new Spawning(next[0]++));
        }
      }
    }
    scheduler.scheduleAt(7 * Timeline.NANOS_PER_MS, new Spawning(0));
    runAll();
    assertEquals(5000, order.size());
    for (int i = 0; i < order.size(); i++) {
      assertEquals(i, order.get(i), "position " + i);
    }
  }

  @Test
  void aTimedTaskIsItsOwnQueueEntryAndSchedulingItAgainQueuesACopy() {
    Named entry = new Named("entry");
    Cancellable first = scheduler.scheduleOnceNanos(10 * Timeline.NANOS_PER_MS, entry);
    Cancellable again = scheduler.scheduleOnceNanos(20 * Timeline.NANOS_PER_MS, entry);
    assertTrue(first == entry, "queued as it is: no wrapper");
    assertFalse(again == entry, "already queued: the second scheduling gets an entry of its own");
    Named cancelled = new Named("cancelled");
    scheduler.scheduleAt(15 * Timeline.NANOS_PER_MS, cancelled);
    cancelled.cancel();
    runAll();
    assertEquals(List.of("entry", "entry"), ran);
  }

  @Test
  void tasksRunByDeadlineThenBySchedulingOrder() {
    scheduler.scheduleOnce(ms(20), () -> ran.add("b@20"), INLINE);
    scheduler.scheduleOnce(ms(10), () -> ran.add("a@10"), INLINE);
    scheduler.scheduleOnce(ms(20), () -> ran.add("c@20"), INLINE);
    scheduler.scheduleAt(20 * Timeline.NANOS_PER_MS, () -> ran.add("d@20"));
    runAll();
    assertEquals(List.of("a@10", "b@20", "c@20", "d@20"), ran);
    assertEquals(20, scheduler.nowMs());
  }

  @Test
  void timeMovesOnlyWhenTheDriverAdvancesIt() {
    scheduler.scheduleOnce(ms(5_000), () -> ran.add("late"), INLINE);
    assertEquals(0, scheduler.nowMs());
    assertEquals(5_000 * Timeline.NANOS_PER_MS, scheduler.nextDeadline());
    scheduler.advanceTo(1_000 * Timeline.NANOS_PER_MS);
    assertEquals(1_000, scheduler.nowMs());
    assertTrue(ran.isEmpty());
    assertThrows(IllegalArgumentException.class, () -> scheduler.advanceTo(0));
  }

  @Test
  void cancelledTasksNeverRunAndDoNotCountAsNextDeadline() {
    Cancellable first = scheduler.scheduleOnce(ms(10), () -> ran.add("cancelled"), INLINE);
    scheduler.scheduleOnce(ms(30), () -> ran.add("kept"), INLINE);
    assertTrue(first.cancel());
    assertFalse(first.cancel());
    assertTrue(first.isCancelled());
    assertEquals(30 * Timeline.NANOS_PER_MS, scheduler.nextDeadline());
    runAll();
    assertEquals(List.of("kept"), ran);
  }

  @Test
  void repeatingTasksKeepAFixedRateUntilCancelled() {
    List<Long> times = new ArrayList<>();
    Cancellable tick = scheduler.schedule(ms(100), ms(250), () -> times.add(scheduler.nowMs()),
        INLINE);
    scheduler.scheduleAt(900 * Timeline.NANOS_PER_MS, tick::cancel);
    runAll();
    assertEquals(List.of(100L, 350L, 600L, 850L), times);
  }

  @Test
  void tasksScheduledAtTheCurrentInstantRunBeforeTimeMovesOn() {
    scheduler.scheduleOnce(ms(10), () -> {
      ran.add("first");
      scheduler.scheduleOnce(ms(0), () -> ran.add("same instant"), INLINE);
    }, INLINE);
    scheduler.scheduleOnce(ms(11), () -> ran.add("next ms"), INLINE);
    runAll();
    assertEquals(List.of("first", "same instant", "next ms"), ran);
  }

  @Test
  void theDriverExecutorOnlyQueuesAndTheDriverDrainsInOrder() {
    ExecutorService executor = DriverExecutorConfigurator.forTest(scheduler);
    executor.execute(() -> ran.add("one"));
    executor.execute(() -> ran.add("two"));
    assertTrue(ran.isEmpty(), "the executor must not run anything itself");
    assertTrue(scheduler.hasReadyWork());
    executor.shutdown();
    executor.shutdown(); // Pekko may ask twice: a no-op both times
    assertFalse(executor.isShutdown());
    assertEquals(2, scheduler.drainReady());
    assertEquals(List.of("one", "two"), ran);
  }

  @Test
  void queuedActorWorkRunsAfterEachTaskBeforeTheNextTaskOfTheSameInstant() {
    ExecutorService executor = DriverExecutorConfigurator.forTest(scheduler);
    scheduler.scheduleAt(10 * Timeline.NANOS_PER_MS, () -> executor.execute(() -> ran.add("mailbox")));
    scheduler.scheduleAt(10 * Timeline.NANOS_PER_MS, () -> ran.add("timer"));
    runAll();
    assertEquals(List.of("mailbox", "timer"), ran);
  }
}
