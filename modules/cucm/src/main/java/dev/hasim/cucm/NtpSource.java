package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An external NTP server at a fixed stratum (PH-3): it answers every query with its stratum. The scenario may
 * change the stratum ({@code ntp: {source: …, stratum: …}}); at 10 or more no CUCM node uses it.
 */
public final class NtpSource extends AbstractMatchingBehavior<Msg> {
  private final NodeEnv env;
  private int stratum;

  public static Behavior<Msg> create(NodeEnv env, int stratum) {
    return Behaviors.setup(ctx -> new NtpSource(ctx, env, stratum));
  }

  private NtpSource(ActorContext<Msg> ctx, NodeEnv env, int stratum) {
    super(ctx);
    this.env = env;
    this.stratum = stratum;
    env.trace().role(CucmWords.NTP, "PH-3");
    env.trace().attribute(CucmWords.STRATUM, stratum, "PH-3");
  }

  @Override
  public Behavior<Msg> onMessage(Msg message) {
    if (message instanceof Msg.NtpQuery q) {
      env.send(q.from(), new Msg.NtpReply(env.self(), stratum));
    } else if (message instanceof Msg.SetStratum s) {
      env.trace().decision("PH-3", "stratum changes from " + stratum + " to " + s.stratum());
      stratum = s.stratum();
      env.trace().attribute(CucmWords.STRATUM, stratum, "PH-3");
    } else if (message == Msg.Shutdown.INSTANCE) {
      return Behaviors.stopped();
    }
    return this;
  }
}
