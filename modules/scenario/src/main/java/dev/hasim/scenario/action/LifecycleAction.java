package dev.hasim.scenario.action;

import java.util.Map;

/**
 * A node's process: {@code crash} (abnormal exit, no notification, optionally back after a while),
 * {@code shutdown} (graceful: the model's notification runs), {@code start}, {@code restart} (graceful
 * shutdown, then start after {@code downForMs}).
 */
public record LifecycleAction(Kind kind, String node, Long againAfterMs) implements Action {
  public enum Kind {
    CRASH("crash"),
    SHUTDOWN("shutdown"),
    START("start"),
    RESTART("restart");

    public final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /** Restart's default: long enough for peers to notice, short enough for a demo. */
  public static final long DEFAULT_RESTART_DOWN_FOR_MS = 1000;

  @Override
  public String target() {
    return node;
  }

  @Override
  public Map<String, Object> fields() {
    return RunContext.fields("action", kind.key, "target", node,
        kind == Kind.CRASH ? "restart_after_ms" : "down_for_ms", againAfterMs);
  }

  @Override
  public void apply(RunContext run) {
    switch (kind) {
      case CRASH -> {
        run.nodes().crash(node, "crashed (abnormal exit, no notification)");
        if (againAfterMs != null) {
          run.performLater(againAfterMs, new LifecycleAction(Kind.START, node, null));
        }
      }
      case SHUTDOWN -> run.nodes().shutdown(node);
      case START -> run.nodes().start(node);
      case RESTART -> {
        run.nodes().shutdown(node);
        run.performLater(againAfterMs == null ? DEFAULT_RESTART_DOWN_FOR_MS : againAfterMs,
            new LifecycleAction(Kind.START, node, null));
      }
    }
  }
}
