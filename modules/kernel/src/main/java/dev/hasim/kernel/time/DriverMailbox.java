package dev.hasim.kernel.time;

import com.typesafe.config.Config;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * The simulation dispatcher's mailbox: a plain queue, without the atomic instruction every enqueue costs in
 * Pekko's lock-free queues, because in virtual time the driver thread sends nearly every message and runs
 * every actor. One waiting message — the usual case for a node — is a field, not a queue node.
 *
 * <p>Messages told from another thread (Pekko hands a starting actor's first messages over on its guardian's
 * thread) go to a concurrent side queue, taken in order before the driver's own; their order relative to the
 * driver's messages is a race anyway.
 *
 * <p>Named in the props that node actors are spawned with ({@code hasim.driver-mailbox}, see
 * {@code SimulationRuntime}): a typed actor ignores its dispatcher's {@code mailbox-type}. It requires the
 * system's scheduler to be the {@link VirtualScheduler}.
 */
public final class DriverMailbox implements MailboxType, ProducesMessageQueue<DriverMailbox.Queue> {
  public DriverMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    if (system.isEmpty() || !(system.get().scheduler() instanceof VirtualScheduler scheduler)) {
      throw new IllegalStateException("the driver mailbox needs pekko.scheduler.implementation = "
          + VirtualScheduler.class.getName());
    }
    return new Queue(scheduler);
  }

  /** One actor's messages. Dequeued only by the driver, which runs every mailbox. */
  public static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Queue, ConcurrentLinkedQueue> FOREIGN =
        AtomicReferenceFieldUpdater.newUpdater(Queue.class, ConcurrentLinkedQueue.class, "foreign");

    private final VirtualScheduler scheduler;
    private Envelope first;
    /** Messages after {@link #first}; made when a second one waits. */
    private ArrayDeque<Envelope> rest;
    /** Messages from other threads; made, with a compare-and-set, when the first one arrives. */
    private volatile ConcurrentLinkedQueue<Envelope> foreign;

    Queue(VirtualScheduler scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      if (!scheduler.onDriverThread()) {
        foreignQueue().add(handle);
      } else if (first == null) { // then nothing waits behind it either: dequeue refills first from rest
        first = handle;
      } else {
        if (rest == null) {
          rest = new ArrayDeque<>(4);
        }
        rest.addLast(handle);
      }
    }

    @Override
    public Envelope dequeue() {
      ConcurrentLinkedQueue<Envelope> handedIn = foreign;
      if (handedIn != null) {
        Envelope e = handedIn.poll();
        if (e != null) {
          return e;
        }
      }
      Envelope e = first;
      if (e != null) {
        first = rest == null ? null : rest.pollFirst();
      }
      return e;
    }

    @Override
    public int numberOfMessages() {
      ConcurrentLinkedQueue<Envelope> handedIn = foreign;
      return (first == null ? 0 : 1) + (rest == null ? 0 : rest.size()) + (handedIn == null ? 0 : handedIn.size());
    }

    @Override
    public boolean hasMessages() {
      if (first != null) {
        return true;
      }
      ConcurrentLinkedQueue<Envelope> handedIn = foreign;
      return handedIn != null && !handedIn.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      Envelope e;
      while ((e = dequeue()) != null) {
        deadLetters.enqueue(owner, e);
      }
    }

    private ConcurrentLinkedQueue<Envelope> foreignQueue() {
      ConcurrentLinkedQueue<Envelope> q = foreign;
      if (q == null) {
        FOREIGN.compareAndSet(this, null, new ConcurrentLinkedQueue<Envelope>());
        q = foreign;
      }
      return q;
    }
  }
}
