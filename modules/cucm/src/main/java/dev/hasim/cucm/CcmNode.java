package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One CUCM server (publisher or subscriber) running the CallManager service: it takes phones' registrations,
 * answers their keepalives and drops a phone whose keepalives stop ({@link Registry}, PH-1), and tells the
 * other servers of its cluster when it takes a phone so they drop theirs. Its NTP client and server follow
 * PH-3 ({@link NtpClock}); on the publisher, the EMApp and EMService servlets and the TFTP service serve EMCC
 * logins ({@link EmService}, EMCC-1).
 */
public final class CcmNode extends AbstractMatchingBehavior<Msg> {
  enum Tick implements Msg { NTP_POLL }

  private final NodeEnv env;
  private final CcmConfig config;
  private final Registry registry;
  private final NtpClock ntp;
  private final EmService em;

  public static Behavior<Msg> create(NodeEnv env, CcmConfig config) {
    return Behaviors.setup(ctx -> new CcmNode(ctx, env.timers(ctx), env, config));
  }

  private CcmNode(ActorContext<Msg> ctx, TimerScheduler<Msg> timers, NodeEnv env, CcmConfig config) {
    super(ctx);
    this.env = env;
    this.config = config;
    env.trace().role(config.isPublisher() ? CucmWords.PUBLISHER : CucmWords.SUBSCRIBER, "PH-1");
    this.registry = new Registry(env, timers, config.timing());
    this.ntp = config.ntpServers() == null ? null : new NtpClock(env, timers, config);
    this.em = config.isPublisher() ? new EmService(env, timers, config) : null;
  }

  @Override
  public Behavior<Msg> onMessage(Msg message) {
    if (registry.onMessage(message)) {
      if (message instanceof Msg.Register r) {
        Msg.DeviceRegistered news = new Msg.DeviceRegistered(r.phone(), env.self());
        for (String peer : config.peers()) {
          env.send(peer, news); // intra-cluster: the phone is ours now
        }
      }
    } else if (message instanceof Msg.DeviceRegistered news) {
      registry.drop(news.phone());
    } else if (message == Tick.NTP_POLL || message instanceof Msg.NtpQuery || message instanceof Msg.NtpReply) {
      if (ntp != null) {
        ntp.onMessage(message);
      }
    } else if (message == Msg.Shutdown.INSTANCE) {
      return Behaviors.stopped();
    } else if (em != null) {
      em.onMessage(message);
    }
    return this;
  }
}
