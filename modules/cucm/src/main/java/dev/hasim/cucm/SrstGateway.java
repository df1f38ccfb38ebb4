package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A Survivable Remote Site Telephony gateway: the last entry of a phone's list (PH-1). It registers phones
 * that lost every CCM, which then have limited service, and answers their keepalives until they fall back.
 */
public final class SrstGateway extends AbstractMatchingBehavior<Msg> {
  private final Registry registry;

  public static Behavior<Msg> create(NodeEnv env, CucmTiming timing) {
    return Behaviors.setup(ctx -> new SrstGateway(ctx, env.timers(ctx), env, timing));
  }

  private SrstGateway(ActorContext<Msg> ctx, TimerScheduler<Msg> timers, NodeEnv env, CucmTiming timing) {
    super(ctx);
    env.trace().role(CucmWords.SRST, "PH-1");
    this.registry = new Registry(env, timers, timing);
  }

  @Override
  public Behavior<Msg> onMessage(Msg message) {
    if (message == Msg.Shutdown.INSTANCE) {
      return Behaviors.stopped();
    }
    registry.onMessage(message);
    return this;
  }
}
