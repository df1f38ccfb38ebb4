package dev.hasim.kernel.time;

/**
 * The tasks due at one instant, in scheduling order: an array used from the front, appended at the back. Unlike
 * an {@code ArrayDeque} it lets the driver look at the tasks after the head ({@link #peek}), to touch what they
 * will need before it runs them ({@link VirtualScheduler#advanceTo}).
 *
 * <p>Appending keeps the order, because a task appended is the scheduler's latest: its sequence number is the
 * largest. A postponed timer moved here ({@link VirtualScheduler#postpone}) keeps the older number it took when it
 * was re-armed, so it may belong before tasks already here: the bucket then sorts itself by sequence number
 * before it is next read. It is never read between such a move and its sorting: moves go to later instants.
 */
final class Bucket {
  private TimedTask[] tasks = new TimedTask[16];
  /** Each task's sequence number, beside it: sorting reads these, not the tasks (cache misses at 10,000 nodes). */
  private long[] seqs = new long[16];
  private int head;
  private int tail;
  private boolean unsorted;

  void addLast(TimedTask task) {
    if (tail == tasks.length) {
      int n = tail - head;
      if (head > tasks.length / 2) {
        System.arraycopy(tasks, head, tasks, 0, n);
        System.arraycopy(seqs, head, seqs, 0, n);
        java.util.Arrays.fill(tasks, n, tail, null);
      } else {
        TimedTask[] grown = new TimedTask[tasks.length * 2];
        long[] grownSeqs = new long[tasks.length * 2];
        System.arraycopy(tasks, head, grown, 0, n);
        System.arraycopy(seqs, head, grownSeqs, 0, n);
        tasks = grown;
        seqs = grownSeqs;
      }
      tail = n;
      head = 0;
    }
    long seq = task.seq;
    if (tail > head && seqs[tail - 1] > seq) {
      unsorted = true;
    }
    seqs[tail] = seq;
    tasks[tail++] = task;
  }

  boolean isEmpty() {
    return head == tail;
  }

  TimedTask peekFirst() {
    if (unsorted) {
      sort();
    }
    return head == tail ? null : tasks[head];
  }

  /** The task {@code i} places after the head, or null. */
  TimedTask peek(int i) {
    if (unsorted) {
      sort();
    }
    int at = head + i;
    return at < tail ? tasks[at] : null;
  }

  TimedTask pollFirst() {
    if (unsorted) {
      sort();
    }
    if (head == tail) {
      return null;
    }
    TimedTask task = tasks[head];
    tasks[head++] = null;
    return task;
  }

  /**
   * Puts the tasks in sequence order. They are mostly in order already: the tasks appended in order form a
   * rising run, the moved ones are set aside, sorted among themselves, and merged back in.
   */
  private void sort() {
    unsorted = false;
    int n = 0;
    long max = Long.MIN_VALUE;
    for (int i = head; i < tail; i++) {
      if (i > head && seqs[i] < max) {
        n++;
      } else {
        max = seqs[i];
      }
    }
    TimedTask[] late = new TimedTask[n];
    long[] lateSeqs = new long[n];
    int lateCount = 0;
    int kept = head;
    max = Long.MIN_VALUE;
    for (int i = head; i < tail; i++) {
      long seq = seqs[i];
      if (i > head && seq < max) {
        late[lateCount] = tasks[i];
        lateSeqs[lateCount++] = seq;
      } else {
        max = seq;
        tasks[kept] = tasks[i];
        seqs[kept++] = seq;
      }
    }
    sortBySeq(late, lateSeqs, lateCount);
    // Merge from the back: the kept run occupies [head, kept), the result fills [head, tail).
    int a = kept - 1;
    int b = lateCount - 1;
    for (int out = tail - 1; out >= head; out--) {
      if (b < 0 || (a >= head && seqs[a] > lateSeqs[b])) {
        tasks[out] = tasks[a];
        seqs[out] = seqs[a--];
      } else {
        tasks[out] = late[b];
        seqs[out] = lateSeqs[b--];
      }
    }
  }

  /** A merge sort of the first {@code n} tasks by their sequence numbers (distinct). */
  private static void sortBySeq(TimedTask[] tasks, long[] seqs, int n) {
    if (n < 2) {
      return;
    }
    TimedTask[] tmpTasks = new TimedTask[n];
    long[] tmpSeqs = new long[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          if (j >= hi || (i < mid && seqs[i] < seqs[j])) {
            tmpTasks[k] = tasks[i];
            tmpSeqs[k] = seqs[i++];
          } else {
            tmpTasks[k] = tasks[j];
            tmpSeqs[k] = seqs[j++];
          }
        }
      }
      System.arraycopy(tmpTasks, 0, tasks, 0, n);
      System.arraycopy(tmpSeqs, 0, seqs, 0, n);
    }
  }
}
