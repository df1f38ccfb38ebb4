package dev.hasim.ipfe;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One IPFE server of a DSR (seed 003). It heartbeats its mate every 500 ms (IPFE-2) and raises alarm 5003
 * when it cannot synchronise state data with its mate: the mate's heartbeats stop, the mate reports it no
 * longer hears ours, or the mate goes down for maintenance (IPFE-3, IPFE-4). The alarm clears once
 * heartbeats flow both ways again (IPFE-4).
 */
public final class IpfeServer extends AbstractMatchingBehavior<IpfeServer.Command> {
  public static final int ALARM_STATE_SYNC = 5003;
  public static final String ROLE_UP = "UP";
  /** Started, not yet heard from its mate both ways. */
  public static final String SYNCING = "SYNCING";
  public static final String SYNCED = "SYNCED";
  /** Alarm 5003 is active. */
  public static final String SYNC_LOST = "SYNC_LOST";

  public sealed interface Command permits Heartbeat, MateGoingDown, Shutdown, SendHeartbeat, MateSilent {}

  /**
   * IPFE-2's heartbeat. {@code hearsYou} tells the mate whether its own heartbeats arrive, so a one-way loss
   * is seen at both ends: the receiver of nothing, and the sender whose state data no longer gets through.
   */
  public record Heartbeat(String from, long seq, boolean hearsYou) implements Command {}

  /** IPFE-4: sent to the mate on a graceful shutdown for maintenance. */
  public record MateGoingDown(String from) implements Command {}

  /** Graceful shutdown (maintenance): tell the mate, then stop. */
  public enum Shutdown implements Command { INSTANCE }

  private enum SendHeartbeat implements Command { INSTANCE }

  private enum MateSilent implements Command { INSTANCE }

  private static final String HEARTBEAT_TIMER = "heartbeat";
  private static final String SILENCE_TIMER = "mate-silence";

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Command> timers;
  private final String mate;
  private final IpfeSettings settings;
  private long seq;
  /** A heartbeat from the mate arrived within the silence timeout. */
  private boolean hearMate;
  /** Since when the mate's heartbeats say it does not hear ours; null while it does. */
  private Long mateDeafSinceMs;
  /** Alarm 5003 is raised (IPFE-3) and not yet cleared (IPFE-4). */
  private boolean alarmed;
  /**
   * SYNCED is the state on the trace: a heartbeat that confirms it need not ask the recorder, another object per
   * node to touch on every heartbeat (the recorder writes nothing for a repeated state either).
   */
  private boolean recordedSynced;
  /** Re-armed on every heartbeat: made once. */
  private final Duration silenceTimeout;

  public static Behavior<Command> create(NodeEnv env, String mate, IpfeSettings settings) {
    return Behaviors.setup(ctx -> new IpfeServer(ctx, env.timers(ctx), env, mate, settings));
  }

  private IpfeServer(ActorContext<Command> ctx, TimerScheduler<Command> timers, NodeEnv env, String mate,
      IpfeSettings settings) {
    super(ctx);
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.mate = mate;
    this.settings = settings;
    this.silenceTimeout = Duration.ofMillis(settings.silenceTimeoutMs());
    trace.decision("IPFE-2", env.self() + " started; mate " + mate + ", heartbeat every " + settings.heartbeatMs()
        + " ms", "mate", mate);
    trace.role(ROLE_UP, "IPFE-2");
    trace.state(SYNCING, "IPFE-2");
    sendHeartbeat();
    timers.startTimerAtFixedRate(HEARTBEAT_TIMER, SendHeartbeat.INSTANCE, Duration.ofMillis(settings.heartbeatMs()));
    armSilenceTimer();
  }

  /**
   * Pekko's matching behaviour with one switch over the sealed protocol, most frequent first: no receive
   * builder, so the two messages of every heartbeat round (the timer, the mate's heartbeat) reach their handler
   * without touching per-actor case objects (each a cache miss at 10,000 nodes).
   */
  @Override
  public Behavior<Command> onMessage(Command message) {
    if (message == SendHeartbeat.INSTANCE) {
      return onSendHeartbeat();
    } else if (message instanceof Heartbeat heartbeat) {
      return onHeartbeat(heartbeat);
    } else if (message == MateSilent.INSTANCE) {
      return onMateSilent();
    } else if (message instanceof MateGoingDown notice) {
      return onMateGoingDown(notice);
    } else if (message == Shutdown.INSTANCE) {
      return onShutdown();
    }
    throw new IllegalArgumentException("not an IPFE server command: " + message);
  }

  private Behavior<Command> onSendHeartbeat() {
    sendHeartbeat();
    return this;
  }

  private Behavior<Command> onHeartbeat(Heartbeat heartbeat) {
    hearMate = true;
    armSilenceTimer();
    if (heartbeat.hearsYou()) {
      mateDeafSinceMs = null;
    } else if (mateDeafSinceMs == null) {
      mateDeafSinceMs = env.nowMs();
    }
    long deafForMs = mateDeafSinceMs == null ? 0 : env.nowMs() - mateDeafSinceMs;
    if (deafForMs >= settings.silenceTimeoutMs()) {
      raise(mate + " reports it has not received our heartbeats for " + deafForMs
          + " ms: state data cannot reach it");
    } else if (mateDeafSinceMs == null) {
      synced();
    }
    return this;
  }

  private Behavior<Command> onMateSilent() {
    hearMate = false;
    raise("missed heartbeat from mate " + mate + ": none for " + settings.silenceTimeoutMs() + " ms ("
        + settings.alarmAfterMissed() + " × " + settings.heartbeatMs() + " ms + tolerance)");
    return this;
  }

  private Behavior<Command> onMateGoingDown(MateGoingDown notice) {
    hearMate = false;
    mateDeafSinceMs = env.nowMs();
    timers.cancel(SILENCE_TIMER);
    raise("mate " + mate + " is shutting down for maintenance; the alarm is expected until it returns (IPFE-4)");
    return this;
  }

  private Behavior<Command> onShutdown() {
    trace.decision("IPFE-4", "shutting down for maintenance: telling mate " + mate + " first");
    env.send(mate, new MateGoingDown(env.self()));
    return Behaviors.stopped();
  }

  private void sendHeartbeat() {
    env.send(mate, new Heartbeat(env.self(), ++seq, hearMate));
  }

  private void armSilenceTimer() {
    timers.startSingleTimer(SILENCE_TIMER, MateSilent.INSTANCE, silenceTimeout);
  }

  /** IPFE-3: unable to synchronise state data with the mate. */
  private void raise(String why) {
    if (alarmed) {
      return;
    }
    alarmed = true;
    recordedSynced = false;
    trace.decision("IPFE-3", why, "alarm", ALARM_STATE_SYNC);
    trace.alarmRaised(ALARM_STATE_SYNC, "IPFE-3");
    trace.state(SYNC_LOST, "IPFE-3");
  }

  /** Heartbeats flow both ways: state data synchronises (IPFE-2); a raised alarm clears (IPFE-4). */
  private void synced() {
    if (recordedSynced) {
      return; // not alarmed either: raise() clears this
    }
    if (alarmed) {
      alarmed = false;
      trace.decision("IPFE-4", "heartbeats flow both ways with " + mate + " again: state data synchronised",
          "alarm", ALARM_STATE_SYNC);
      trace.alarmCleared(ALARM_STATE_SYNC, "IPFE-4");
    }
    trace.state(SYNCED, "IPFE-2");
    recordedSynced = true;
  }
}
