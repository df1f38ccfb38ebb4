package dev.hasim.testkit;

import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.run.LiveRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A node of the topology played by the test: it takes the node's place in the network under the node's name
 * (same start time; it can be crashed, shut down, cut off and restarted like the node), so the model's actors
 * talk to it through the fabric exactly as to the real thing. A fake CWM gateway that registers twice, or
 * never answers, is a few lines.
 *
 * <p>Everything the fake receives is recorded with the virtual instant it arrived ({@link Delivered}), in the
 * order of arrival, and is also told to a Pekko {@link TestProbe} ({@link #probe()}) for tests that prefer the
 * TestProbe API. Its {@link Script} runs on the simulation's driver, at the arrival instant, so a scripted
 * reply is as deterministic as a model's. Between {@code advance} calls the test may {@link #send} from it.
 */
public final class FakePeer {
  /** What reached the fake: the message, and the virtual instant it arrived. */
  public record Delivered(long atMs, String to, Object message) {
    /** The message, cast to what the test expects; a clear error if it is something else. */
    public <T> T as(Class<T> type) {
      if (!type.isInstance(message)) {
        throw new AssertionError(to + " at " + Sim.instant(atMs) + ": expected a " + type.getSimpleName()
            + ", received " + message);
      }
      return type.cast(message);
    }
  }

  /** How the fake reacts to a message, at the instant it arrives (on the simulation's driver). */
  @FunctionalInterface
  public interface Script {
    void onMessage(FakePeer self, Object message);
  }

  /** Receives and records, never answers: a peer that has hung. */
  public static final Script SILENT = (self, message) -> {};

  /** A script reacting to messages of one type only (the others are recorded and ignored). */
  public static <T> Script on(Class<T> type, BiConsumer<FakePeer, T> reaction) {
    return (self, message) -> {
      if (type.isInstance(message)) {
        reaction.accept(self, type.cast(message));
      }
    };
  }

  /** The fake's graceful-shutdown message: it stops, telling nobody. */
  private enum Stop { INSTANCE }

  private final String name;
  private final Script script;
  private final List<Delivered> received = new ArrayList<>();
  private int nextUnread;
  private LiveRun run;
  private Sim sim;
  private TestProbe<Delivered> probe;

  FakePeer(String name, Script script) {
    this.name = name;
    this.script = script;
  }

  NodeSpec replace(NodeSpec original) {
    return new NodeSpec(name, original.kind(), env -> behavior(), Stop.INSTANCE, original.startAtMs());
  }

  void attach(Sim sim, LiveRun run) {
    this.sim = sim;
    this.run = run;
  }

  private Behavior<Object> behavior() {
    return Behaviors.receive(Object.class)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .onAnyMessage(this::onMessage)
        .build();
  }

  private Behavior<Object> onMessage(Object message) {
    Delivered delivered = new Delivered(run.timeline().nowMs(), name, message);
    received.add(delivered);
    if (probe != null) {
      probe.ref().tell(delivered);
    }
    script.onMessage(this, message);
    return Behaviors.same();
  }

  public String name() {
    return name;
  }

  /**
   * Sends {@code message} to {@code to} through the network, now, as this node: subject to links, loss,
   * latency, and dropped if this fake is down.
   */
  public void send(String to, Object message) {
    run.context().fabric().send(name, to, message);
  }

  /** Sends {@code message} {@code delay} from now (virtual time). */
  public void sendAfter(Duration delay, String to, Object message) {
    run.timeline().scheduleAfterMs(delay.toMillis(), () -> send(to, message));
  }

  /** Everything received so far, in order of arrival. */
  public List<Delivered> received() {
    return List.copyOf(received);
  }

  /** Received messages of one type, in order of arrival. */
  public <T> List<T> received(Class<T> type) {
    return received.stream().map(Delivered::message).filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The next received message not yet taken by an {@code expect…} call, skipping none; fails naming the fake,
   * the virtual instant, what was expected and what came (or that nothing did).
   */
  public Delivered expectNext(Class<?> type) {
    if (nextUnread >= received.size()) {
      throw sim.failure(name, "next message", "a " + type.getSimpleName(), "nothing (received " + received.size()
          + " in all)");
    }
    Delivered next = received.get(nextUnread++);
    if (!type.isInstance(next.message())) {
      throw sim.failure(name, "message at " + Sim.instant(next.atMs()), "a " + type.getSimpleName(),
          String.valueOf(next.message()));
    }
    return next;
  }

  /** The first not yet taken message of {@code type}, skipping others; fails if none has arrived. */
  public Delivered expectAny(Class<?> type) {
    for (int i = nextUnread; i < received.size(); i++) {
      if (type.isInstance(received.get(i).message())) {
        nextUnread = i + 1;
        return received.get(i);
      }
    }
    throw sim.failure(name, "messages since the last one taken", "a " + type.getSimpleName(),
        received.subList(nextUnread, received.size()).stream().map(d -> Sim.instant(d.atMs()) + " " + d.message())
            .toList().toString());
  }

  /**
   * A Pekko TestProbe that is told every {@link Delivered} from now on (made on first call). It lives in the
   * simulation's actor system; messages reach it on Pekko's own threads, in arrival order, so read it after
   * an {@code advance}: {@code probe.expectMessageClass(Delivered.class)}.
   */
  public TestProbe<Delivered> probe() {
    if (probe == null) {
      ActorTestKit testKit = sim.testKit();
      probe = testKit.createTestProbe("fake-" + name, Delivered.class);
    }
    return probe;
  }
}
