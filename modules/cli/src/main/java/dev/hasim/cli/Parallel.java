package dev.hasim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Independent runs on several cores. Each run has its own actor system, virtual clock and driver thread, so
 * running them side by side changes nothing in any of them; results come back in input order.
 */
final class Parallel {
  private Parallel() {}

  static int defaultJobs() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Applies {@code work} to every input on {@code jobs} threads; {@code done} sees each result in input order. */
  static <I, O> List<O> map(List<I> inputs, int jobs, Function<I, O> work, Consumer<O> done) {
    List<O> results = new ArrayList<>();
    if (jobs <= 1 || inputs.size() <= 1) {
      for (I input : inputs) {
        O result = work.apply(input);
        done.accept(result);
        results.add(result);
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, inputs.size()), runnable -> {
      Thread thread = new Thread(runnable, "hasim-run");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<O>> futures = new ArrayList<>();
      for (I input : inputs) {
        futures.add(pool.submit(() -> work.apply(input)));
      }
      for (Future<O> future : futures) {
        O result = future.get();
        done.accept(result);
        results.add(result);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
