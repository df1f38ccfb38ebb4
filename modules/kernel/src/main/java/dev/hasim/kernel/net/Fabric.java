package dev.hasim.kernel.net;

import dev.hasim.kernel.time.Timeline;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Every message between nodes passes through here: nodes name their peers, never hold their ActorRefs. The
 * fabric decides loss and delay with its own seeded random, then delivers through the {@link Timeline}
 * directly (no fabric actor, so no extra mailbox hop per message). A message is lost if its link is cut
 * when it is sent or when it arrives, or if its destination is down on arrival.
 */
public final class Fabric {
  private final Timeline timeline;
  private final LinkTable links;
  private final SplittableRandom random;
  private final Map<String, Consumer<Object>> inboxes = new HashMap<>();
  private MessageObserver observer = MessageObserver.NONE;
  private long sent;
  private long delivered;
  private long dropped;

  public Fabric(Timeline timeline, LinkTable links, SplittableRandom random) {
    this.timeline = timeline;
    this.links = links;
    this.random = random;
  }

  /** Sees every message, for tools that draw message sequences; none by default. */
  public synchronized void observe(MessageObserver observer) {
    this.observer = observer;
  }

  /** The node's current incarnation receives from now on. */
  public synchronized void attach(String node, Consumer<Object> inbox) {
    inboxes.put(node, inbox);
  }

  /** The node is down: its messages in flight and any it still tries to send are lost. */
  public synchronized void detach(String node) {
    inboxes.remove(node);
  }

  public synchronized boolean isAttached(String node) {
    return inboxes.containsKey(node);
  }

  public void send(String from, String to, Object message) {
    long deliverAtNanos;
    synchronized (this) {
      sent++;
      String lost = lossReasonAtSend(from, to, message);
      if (lost != null) {
        dropped++;
        observer.dropped(timeline.nowMs(), from, to, message, lost);
        return;
      }
      LinkOptions options = links.options(from, to);
      long delayMs = options.latencyMs() + (options.jitterMs() > 0 ? random.nextLong(options.jitterMs() + 1) : 0);
      deliverAtNanos = timeline.nowNanos() + delayMs * Timeline.NANOS_PER_MS;
      observer.sent(timeline.nowMs(), from, to, message, deliverAtNanos / Timeline.NANOS_PER_MS);
    }
    timeline.scheduleAt(deliverAtNanos, () -> deliver(from, to, message));
  }

  public synchronized void apply(NetworkFault fault) {
    links.apply(fault);
  }

  public synchronized long sent() {
    return sent;
  }

  public synchronized long delivered() {
    return delivered;
  }

  public synchronized long dropped() {
    return dropped;
  }

  private static String channel(Object message) {
    return message instanceof Channelled c ? c.channel() : null;
  }

  private String lossReasonAtSend(String from, String to, Object message) {
    if (!inboxes.containsKey(from)) {
      return "sender down";
    }
    if (!links.connected(from, to, channel(message))) {
      return "link cut";
    }
    double loss = links.options(from, to).loss();
    if (loss > 0 && random.nextDouble() < loss) {
      return "lost";
    }
    return null;
  }

  private void deliver(String from, String to, Object message) {
    Consumer<Object> inbox;
    synchronized (this) {
      inbox = inboxes.get(to);
      String lost = inbox == null ? "receiver down" : links.connected(from, to, channel(message)) ? null : "link cut in flight";
      if (lost != null) {
        dropped++;
        observer.dropped(timeline.nowMs(), from, to, message, lost);
        return;
      }
      delivered++;
      observer.delivered(timeline.nowMs(), from, to, message);
    }
    inbox.accept(message);
  }

  /** Callbacks for every message's fate; called under the fabric's lock, so keep them short. */
  public interface MessageObserver {
    MessageObserver NONE = new MessageObserver() {};

    default void sent(long tMs, String from, String to, Object message, long arrivesMs) {}

    default void delivered(long tMs, String from, String to, Object message) {}

    default void dropped(long tMs, String from, String to, Object message, String reason) {}
  }
}
