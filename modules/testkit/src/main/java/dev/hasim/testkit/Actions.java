package dev.hasim.testkit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every fault and operator action a scenario file can hold, as methods; each renders the YAML action and hands
 * it to {@link #act}, so the scenario module's own reader validates and builds it (one definition of each
 * action). Model actions without a method here go through {@link #act} directly, e.g.
 * {@code act("{signal: {node: gw1, name: USR2}}")}, {@code act("{mml: {node: mgc-01, command: prov-sync}}")}.
 */
public abstract class Actions<S> {
  /** Performs one action written as in a scenario's {@code events:} list, without {@code at}. */
  public abstract S act(String yaml);

  public S cut(String a, String b) {
    return act("{cut: [" + a + ", " + b + "]}");
  }

  /** One direction only: {@code from} can no longer reach {@code to}. */
  public S cutOneWay(String from, String to) {
    return act("{cut: {from: " + from + ", to: " + to + "}}");
  }

  public S heal(String a, String b) {
    return act("{heal: [" + a + ", " + b + "]}");
  }

  public S healAll() {
    return act("{heal: all}");
  }

  public S isolate(String node) {
    return act("{isolate: " + node + "}");
  }

  @SafeVarargs
  public final S partition(List<String>... groups) {
    return act("{partition: [" + java.util.Arrays.stream(groups).map(g -> "[" + String.join(", ", g) + "]")
        .collect(Collectors.joining(", ")) + "]}");
  }

  /** Abnormal exit: no notification runs (CWM-9 and its kin). */
  public S crash(String node) {
    return act("{crash: " + node + "}");
  }

  public S crash(String node, Duration restartAfter) {
    return act("{crash: {node: " + node + ", restart_after: " + restartAfter.toMillis() + "ms}}");
  }

  /** Graceful: the model's notification runs. */
  public S shutdown(String node) {
    return act("{shutdown: " + node + "}");
  }

  public S start(String node) {
    return act("{start: " + node + "}");
  }

  public S restart(String node, Duration downFor) {
    return act("{restart: {node: " + node + ", down_for: " + downFor.toMillis() + "ms}}");
  }

  /** New latency, jitter or loss on one link, both directions (null: unchanged). */
  public S degrade(String a, String b, Duration latency, Duration jitter, Double loss) {
    StringBuilder yaml = new StringBuilder("{degrade: {link: [" + a + ", " + b + "]");
    if (latency != null) {
      yaml.append(", latency: ").append(latency.toMillis()).append("ms");
    }
    if (jitter != null) {
      yaml.append(", jitter: ").append(jitter.toMillis()).append("ms");
    }
    if (loss != null) {
      yaml.append(", loss: ").append(loss);
    }
    return act(yaml.append("}}").toString());
  }

  /** CWM: a signal (USR2, HUP, USR1) to a gateway's process (CWM-15). */
  public S signal(String gateway, String name) {
    return act("{signal: {node: " + gateway + ", name: " + name + "}}");
  }

  /** CWM: the operator forces a Secondary to Primary (CWM-16). */
  public S forcePrimary(String gateway) {
    return act("{force_primary: " + gateway + "}");
  }

  /** CWM: the watchdog restarts a gateway's process; it is down for {@code downFor} (CWM-7). */
  public S watchdogRestart(String gateway, Duration downFor) {
    return act("{watchdog_restart: {node: " + gateway + ", down_for: " + downFor.toMillis() + "ms}}");
  }

  /** CWM: one CWMGateway.conf line set on a gateway's disk, e.g. {@code "ForcedSwitchOver cwmws3"}. */
  public S conf(String gateway, String line) {
    return act("{conf: {node: " + gateway + ", set: \"" + line + "\"}}");
  }

  /** MGC: an MML command on a host, e.g. {@code prov-sync}. */
  public S mml(String host, String command) {
    return act("{mml: {node: " + host + ", command: '" + command.replace("'", "''") + "'}}");
  }
}
