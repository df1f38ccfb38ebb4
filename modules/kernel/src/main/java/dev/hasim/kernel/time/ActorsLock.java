package dev.hasim.kernel.time;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Guards state that node actors share (the fabric): a real lock on the wall clock, where actors run on a
 * thread pool; nothing at all in virtual time, where the driver thread runs every actor. A message used to
 * cost four atomic instructions here for a lock nobody else could take, and each one stalls the processor
 * until its pending stores drain — at 10,000 nodes, while it waits on cache misses.
 */
public abstract class ActorsLock {
  private static final ActorsLock NONE = new ActorsLock() {
    @Override
    public void lock() {}

    @Override
    public void unlock() {}
  };

  /** The lock actors running against {@code timeline} need. */
  public static ActorsLock on(Timeline timeline) {
    return timeline instanceof VirtualScheduler ? NONE : new Held();
  }

  public abstract void lock();

  public abstract void unlock();

  private static final class Held extends ActorsLock {
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void lock() {
      lock.lock();
    }

    @Override
    public void unlock() {
      lock.unlock();
    }
  }
}
