package dev.hasim.kernel.time;

/**
 * The tasks due at one instant, in scheduling order: an array used from the front, appended at the back. Unlike
 * an {@code ArrayDeque} it lets the driver look at the tasks after the head ({@link #peek}), to touch what they
 * will need before it runs them ({@link VirtualScheduler#advanceTo}).
 */
final class Bucket {
  private TimedTask[] tasks = new TimedTask[16];
  private int head;
  private int tail;

  void addLast(TimedTask task) {
    if (tail == tasks.length) {
      if (head > tasks.length / 2) {
        System.arraycopy(tasks, head, tasks, 0, tail - head);
        java.util.Arrays.fill(tasks, tail - head, tail, null);
      } else {
        tasks = java.util.Arrays.copyOf(tasks, tasks.length * 2);
        System.arraycopy(tasks, head, tasks, 0, tail - head);
        java.util.Arrays.fill(tasks, tail - head, tail, null);
      }
      tail -= head;
      head = 0;
    }
    tasks[tail++] = task;
  }

  boolean isEmpty() {
    return head == tail;
  }

  TimedTask peekFirst() {
    return head == tail ? null : tasks[head];
  }

  /** The task {@code i} places after the head, or null. */
  TimedTask peek(int i) {
    int at = head + i;
    return at < tail ? tasks[at] : null;
  }

  TimedTask pollFirst() {
    if (head == tail) {
      return null;
    }
    TimedTask task = tasks[head];
    tasks[head++] = null;
    return task;
  }
}
