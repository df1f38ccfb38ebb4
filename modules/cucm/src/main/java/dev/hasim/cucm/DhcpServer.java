package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The DHCP server of a set of phones (PH-2): it leases each phone an address for the phone's lease time and
 * renews it on request — unless the scenario makes it refuse renewals ({@code dhcp: {server: …, nak: true}}),
 * the server fault of seed 004: "If DHCP server explicitly refused the renew, DHCP client has to release the
 * IP". A fresh DISCOVER after the reset is still answered, so the phone resets again at every half-life.
 */
public final class DhcpServer extends AbstractMatchingBehavior<Msg> {
  private final NodeEnv env;
  private final NodeRecorder trace;
  private final Map<String, Long> leaseByPhone;
  private final Map<String, String> bindings = new HashMap<>();
  private boolean nak;
  private int next;

  public static Behavior<Msg> create(NodeEnv env, Map<String, Long> leaseByPhone) {
    return Behaviors.setup(ctx -> new DhcpServer(ctx, env, leaseByPhone));
  }

  private DhcpServer(ActorContext<Msg> ctx, NodeEnv env, Map<String, Long> leaseByPhone) {
    super(ctx);
    this.env = env;
    this.trace = env.trace();
    this.leaseByPhone = leaseByPhone;
    trace.role(CucmWords.DHCP, "PH-2");
  }

  @Override
  public Behavior<Msg> onMessage(Msg message) {
    if (message instanceof Msg.DhcpDiscover d) {
      String ip = bindings.computeIfAbsent(d.phone(), p -> address(++next));
      env.send(d.phone(), new Msg.DhcpAck(env.self(), ip, leaseByPhone.getOrDefault(d.phone(), 3_600_000L)));
    } else if (message instanceof Msg.DhcpRequest r) {
      if (nak) {
        trace.decision("PH-2", "refuses to renew " + r.ip() + " for " + r.phone() + (r.rebinding() ? " (rebinding)" : "")
            + ": NAK", "phone", r.phone());
        bindings.remove(r.phone());
        env.send(r.phone(), new Msg.DhcpNak(env.self()));
      } else {
        bindings.put(r.phone(), r.ip());
        env.send(r.phone(), new Msg.DhcpAck(env.self(), r.ip(), leaseByPhone.getOrDefault(r.phone(), 3_600_000L)));
      }
    } else if (message instanceof Msg.DhcpRelease r) {
      bindings.remove(r.phone());
    } else if (message instanceof Msg.DhcpNakMode mode) {
      nak = mode.nak();
      trace.decision("PH-2", nak ? "from now on every renewal is refused with a NAK (server fault)"
          : "renewals are acknowledged again");
    } else if (message == Msg.Shutdown.INSTANCE) {
      return Behaviors.stopped();
    }
    return this;
  }

  private static String address(int n) {
    return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
  }
}
