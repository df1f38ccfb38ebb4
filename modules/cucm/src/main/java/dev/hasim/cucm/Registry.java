package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The phones registered with a CCM or an SRST gateway (PH-1): when each was last heard, the keepalive answers,
 * the sweep that drops a phone silent for three intervals, and the registered-phones counter on the trace,
 * refreshed at most once a second (a perfmon counter: one event per second, not one per phone, at 10,000
 * phones), with the number of registrations accepted so far and the phone of the last one.
 */
final class Registry {
  /** The registered-phones counter is refreshed at most once a second (Model). */
  static final long COUNTER_REFRESH_MS = 1_000;

  /** Timer messages of a registry's owner. */
  enum Tick implements Msg { SWEEP, COUNTER }

  private final NodeEnv env;
  private final TimerScheduler<Msg> timers;
  private final Map<String, Long> lastHeard = new LinkedHashMap<>();
  private CucmTiming timing;
  private boolean counterPending;
  private long registrationsAccepted;
  private String lastRegistered;

  Registry(NodeEnv env, TimerScheduler<Msg> timers, CucmTiming timing) {
    this.env = env;
    this.timers = timers;
    this.timing = timing;
    env.trace().attribute(CucmWords.REGISTERED_PHONES, 0, "PH-1");
    env.trace().attribute(CucmWords.REGISTRATIONS_ACCEPTED, 0L, "PH-1");
    timers.startTimerAtFixedRate(Tick.SWEEP, Tick.SWEEP, Duration.ofMillis(timing.keepaliveMs()));
  }

  /** Handles the registry's messages; false if {@code message} is not one of them. */
  boolean onMessage(Msg message) {
    if (message instanceof Msg.KeepAlive ka) {
      Long seen = lastHeard.get(ka.phone());
      if (seen != null && ka.active()) {
        lastHeard.put(ka.phone(), env.nowMs());
      } else if (seen != null) {
        // A standby keepalive or a probe: the phone is registered elsewhere (found by hasim explore: a probe
        // kept a registration alive that the phone had left during a partition).
        drop(ka.phone());
        seen = null;
      }
      env.send(ka.phone(), new Msg.KeepAliveAck(env.self(), seen != null));
    } else if (message instanceof Msg.Register r) {
      lastHeard.put(r.phone(), env.nowMs());
      registrationsAccepted++;
      lastRegistered = r.phone();
      env.send(r.phone(), new Msg.RegisterAck(env.self()));
      counterChanged();
    } else if (message instanceof Msg.Unregister u) {
      drop(u.phone());
    } else if (message == Tick.SWEEP) {
      sweep();
    } else if (message == Tick.COUNTER) {
      counterPending = false;
      env.trace().attribute(CucmWords.REGISTERED_PHONES, lastHeard.size(), "PH-1");
      env.trace().attribute(CucmWords.REGISTRATIONS_ACCEPTED, registrationsAccepted, "PH-1");
      env.trace().attribute(CucmWords.LAST_REGISTERED, lastRegistered, "PH-1");
    } else if (message instanceof Msg.SetParam param && param.keepaliveMs() != null) {
      timing = timing.withKeepalive(param.keepaliveMs());
      timers.startTimerAtFixedRate(Tick.SWEEP, Tick.SWEEP, Duration.ofMillis(timing.keepaliveMs()));
    } else {
      return false;
    }
    return true;
  }

  void drop(String phone) {
    if (lastHeard.remove(phone) != null) {
      counterChanged();
    }
  }

  /** PH-1: a phone whose keepalives stopped for three intervals is no longer registered here. */
  private void sweep() {
    long now = env.nowMs();
    List<String> gone = new ArrayList<>();
    for (Iterator<Map.Entry<String, Long>> it = lastHeard.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (now - e.getValue() > timing.lostAfterMs()) {
        gone.add(e.getKey());
        it.remove();
      }
    }
    if (!gone.isEmpty()) {
      env.trace().decision("PH-1", gone.size() + " phone" + (gone.size() == 1 ? "" : "s") + " sent no keepalive "
          + "for " + timing.missedKeepalives() + " intervals: unregistered (" + sample(gone) + ")", "phones",
          gone.size());
      counterChanged();
    }
  }

  private void counterChanged() {
    if (!counterPending) {
      counterPending = true;
      timers.startSingleTimer(Tick.COUNTER, Tick.COUNTER, Duration.ofMillis(COUNTER_REFRESH_MS));
    }
  }

  private static String sample(List<String> names) {
    return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " …";
  }
}
