package dev.hasim.kernel.net;

import dev.hasim.kernel.time.ActorsLock;
import dev.hasim.kernel.time.TimedTask;
import dev.hasim.kernel.time.Timeline;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;

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
  private final ActorsLock lock;
  /** One per node name, for the whole run: an incarnation attaches its inbox to it, going down detaches it. */
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  private MessageObserver observer = MessageObserver.NONE;
  private long sent;
  private long delivered;
  private long dropped;

  public Fabric(Timeline timeline, LinkTable links, SplittableRandom random) {
    this.timeline = timeline;
    this.links = links;
    this.random = random;
    this.lock = ActorsLock.on(timeline);
  }

  /** Sees every message, for tools that draw message sequences; none by default. */
  public void observe(MessageObserver observer) {
    guarded(() -> {
      this.observer = observer;
    });
  }

  /**
   * A node's place on the network. Senders that keep it (a node's environment keeps its own and its last
   * peer's) reach the fabric without looking the names up on every message.
   */
  public static final class Endpoint {
    final String node;
    /**
     * The node's actor while it is up (a classic ref: telling it directly skips the typed adapter and a
     * forwarding lambda, two objects fewer to touch per message); or, for tests, a plain consumer.
     */
    ActorRef actor;
    Consumer<Object> inbox;
    /**
     * A fault names this node ({@link LinkTable#faulted}): only then are its messages looked up in the link table.
     * Kept here, in the object the fabric touches for every message anyway, so that while one pair is cut the
     * other nodes' messages cost no name lookups (two hash lookups, and a cache miss on each name, per message).
     */
    boolean faulted;

    private Endpoint(String node) {
      this.node = node;
    }

    public String node() {
      return node;
    }

    boolean isUp() {
      return actor != null || inbox != null;
    }
  }

  public Endpoint endpoint(String node) {
    return guarded(() -> endpoints.computeIfAbsent(node, this::newEndpoint));
  }

  private Endpoint newEndpoint(String node) {
    Endpoint endpoint = new Endpoint(node);
    endpoint.faulted = links.faulted(node);
    return endpoint;
  }

  /** The node's current incarnation, this actor, receives from now on. */
  public void attach(String node, ActorRef actor) {
    receiveAt(node, actor, null);
  }

  /** As {@link #attach(String, ActorRef)}, for tests of the fabric without actors. */
  public void attach(String node, Consumer<Object> inbox) {
    receiveAt(node, null, inbox);
  }

  /** The node is down: its messages in flight and any it still tries to send are lost. */
  public void detach(String node) {
    receiveAt(node, null, null);
  }

  private void receiveAt(String node, ActorRef actor, Consumer<Object> inbox) {
    guarded(() -> {
      Endpoint endpoint = endpoint(node);
      endpoint.actor = actor;
      endpoint.inbox = inbox;
    });
  }

  public boolean isAttached(String node) {
    return endpoint(node).isUp();
  }

  public void send(String from, String to, Object message) {
    send(endpoint(from), endpoint(to), message);
  }

  public void send(Endpoint from, Endpoint to, Object message) {
    long deliverAtNanos;
    lock.lock();
    try {
      sent++;
      String lost = lossReasonAtSend(from, to, message);
      if (lost != null) {
        dropped++;
        observer.dropped(timeline.nowMs(), timeline.nowMs(), from, to, message, lost);
        return;
      }
      LinkOptions options = links.options(from.node, to.node);
      long delayMs = options.latencyMs() + (options.jitterMs() > 0 ? random.nextLong(options.jitterMs() + 1) : 0);
      deliverAtNanos = timeline.nowNanos() + delayMs * Timeline.NANOS_PER_MS;
      observer.sent(timeline.nowMs(), from, to, message, deliverAtNanos / Timeline.NANOS_PER_MS);
    } finally {
      lock.unlock();
    }
    timeline.scheduleAt(deliverAtNanos, new Delivery(from, to, message, timeline.nowMs()));
  }

  /** A message in flight: its own entry in the virtual-time queue, one object per message. */
  private final class Delivery extends TimedTask {
    private final Endpoint from;
    private final Endpoint to;
    private final Object message;
    /** When it was sent, for the observer (sequence diagrams draw the arrow from here). */
    private final long sentMs;

    Delivery(Endpoint from, Endpoint to, Object message, long sentMs) {
      this.from = from;
      this.to = to;
      this.message = message;
      this.sentMs = sentMs;
    }

    @Override
    public void run() {
      deliver(from, to, message, sentMs);
    }

    @Override
    protected ActorRef recipient() {
      return to.actor;
    }
  }

  public void apply(NetworkFault fault) {
    guarded(() -> {
      links.apply(fault);
      for (Endpoint endpoint : endpoints.values()) {
        boolean faulted = links.faulted(endpoint.node);
        if (endpoint.faulted != faulted) {
          endpoint.faulted = faulted;
        }
      }
    });
  }

  /** Whether a message can go from one to the other, loss aside: {@link LinkTable#connected}, asked only if needed. */
  private boolean connected(Endpoint from, Endpoint to, Object message) {
    return !from.faulted && !to.faulted || links.connected(from.node, to.node, channel(message));
  }

  public long sent() {
    return guarded(() -> sent);
  }

  public long delivered() {
    return guarded(() -> delivered);
  }

  public long dropped() {
    return guarded(() -> dropped);
  }

  /** For the rare calls; the per-message paths take the lock inline, without a lambda. */
  private <T> T guarded(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private void guarded(Runnable body) {
    lock.lock();
    try {
      body.run();
    } finally {
      lock.unlock();
    }
  }

  private static String channel(Object message) {
    return message instanceof Channelled c ? c.channel() : null;
  }

  private String lossReasonAtSend(Endpoint from, Endpoint to, Object message) {
    if (!from.isUp()) {
      return "sender down";
    }
    if (!connected(from, to, message)) {
      return "link cut";
    }
    double loss = links.options(from.node, to.node).loss();
    if (loss > 0 && random.nextDouble() < loss) {
      return "lost";
    }
    return null;
  }

  private void deliver(Endpoint from, Endpoint to, Object message, long sentMs) {
    ActorRef actor;
    Consumer<Object> inbox;
    lock.lock();
    try {
      actor = to.actor;
      inbox = to.inbox;
      String lost = !to.isUp() ? "receiver down"
          : connected(from, to, message) ? null : "link cut in flight";
      if (lost != null) {
        dropped++;
        observer.dropped(timeline.nowMs(), sentMs, from, to, message, lost);
        return;
      }
      delivered++;
      observer.delivered(timeline.nowMs(), sentMs, from, to, message);
    } finally {
      lock.unlock();
    }
    if (actor != null) {
      actor.tell(message, ActorRef.noSender());
    } else {
      inbox.accept(message);
    }
  }

  /**
   * Callbacks for every message's fate; called under the fabric's lock, so keep them short. The nodes come as
   * their endpoints, which the fabric holds anyway: an observer that filters by node compares endpoints (one per
   * name, so identity is equality) instead of reading the names, two more cache misses per message at 10,000
   * nodes.
   */
  public interface MessageObserver {
    MessageObserver NONE = new MessageObserver() {};

    default void sent(long tMs, Endpoint from, Endpoint to, Object message, long arrivesMs) {}

    default void delivered(long tMs, long sentMs, Endpoint from, Endpoint to, Object message) {}

    default void dropped(long tMs, long sentMs, Endpoint from, Endpoint to, Object message, String reason) {}
  }
}
