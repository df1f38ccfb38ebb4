package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.DiscoverReply;
import dev.hasim.cwm.CwmGateway.Heartbeat;
import dev.hasim.cwm.CwmGateway.NewPrimary;
import dev.hasim.cwm.CwmGateway.PriorityChange;
import dev.hasim.cwm.CwmGateway.Provision;
import dev.hasim.cwm.CwmGateway.Register;
import dev.hasim.cwm.CwmGateway.RegisterElsewhere;
import dev.hasim.cwm.CwmGateway.Registered;
import dev.hasim.cwm.CwmGateway.Shutdown;
import dev.hasim.cwm.CwmGateway.Tick;
import dev.hasim.cwm.CwmGateway.Withdraw;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A starting gateway looks for its domain's Primary (CWM-2) and, when there is none yet, for the gateway
 * that began operation first (CWM-3): it registers with that one ahead of its becoming Primary, so the order
 * of priorities is the order of arrival (CWM-4). Its state lives here and ends with the role.
 */
final class StartingRole implements CwmGateway.Role {
  private final CwmGateway g;
  private final Map<String, DiscoverReply> replies = new TreeMap<>();
  /** When each reply of this discovery arrived: what the gateway knew is only as fresh as that (CWM-17). */
  private final Map<String, Long> repliedAtMs = new TreeMap<>();
  /** Gateways that registered with this one while it was starting: answered once it knows its role. */
  private final Map<String, PrimaryRole.Held> pendingRegistrations = new LinkedHashMap<>(); // registrant → its Register
  /** Withdrawals that overtook their registration on the network. */
  private final Set<String> withdrawn = new TreeSet<>();
  private String registeringWith;
  /** The incarnation (start time) of the earlier starter this gateway registered with ahead of time (CWM-3). */
  private long aheadStartedAtMs = -1;
  /** The gateway last registered with as Primary (answered or named as Primary), while unanswered. */
  private String registeredWith;
  /** A Register sent and not answered yet: at the window's end, register again and look again. */
  private boolean registrationPending;

  /**
   * CWM-6: the nominee this gateway handed the Primary role to when it last shut down gracefully, or null; used
   * once (if the nominee does not answer it, the next window decides afresh).
   */
  private String handedOverTo;

  StartingRole(CwmGateway g) {
    this.g = g;
    this.handedOverTo = (String) g.env.disk().remove(CwmGateway.DISK_HANDED_OVER);
  }

  @Override
  public String name() {
    return CwmWords.STARTING;
  }

  @Override
  public String primary() {
    return null;
  }

  Behavior<Command> start() {
    discover();
    return behavior();
  }

  private Behavior<Command> behavior() {
    return g.common(Behaviors.receive(Command.class), this)
        .onMessage(DiscoverReply.class, this::onDiscoverReply)
        .onMessageEquals(Tick.DISCOVERY_END, this::onDiscoveryEnd)
        .onMessage(Register.class, this::holdRegistration)
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(Registered.class, this::onRegistered)
        .onMessage(RegisterElsewhere.class, r -> registerWith(r.primary(), "CWM-2", r.from() + " says the Primary is " + r.primary()))
        .onMessage(NewPrimary.class, this::onNewPrimary)
        .onMessage(Heartbeat.class, h -> onPrimaryHeard(h.from(), "heartbeat"))
        .onMessage(PriorityChange.class, c -> onPrimaryHeard(c.from(), "priority change"))
        .onMessage(Provision.class, p -> g.rejectProvision(p, "this gateway is still starting"))
        .onMessageEquals(Shutdown.INSTANCE, Behaviors::stopped)
        .build();
  }

  private void discover() {
    replies.clear();
    repliedAtMs.clear();
    for (String peer : g.peers()) {
      g.env.send(peer, new CwmGateway.Discover(g.self, g.startedAtMs, g.listIndex(g.self)));
    }
    g.timers.startSingleTimer(Tick.DISCOVERY_END, Duration.ofMillis(2 * g.conf().heartbeatMs()));
  }

  private Behavior<Command> onDiscoverReply(DiscoverReply reply) {
    replies.put(reply.from(), reply);
    repliedAtMs.put(reply.from(), g.env.nowMs());
    if (CwmWords.PRIMARY.equals(reply.role())) {
      return registerWith(reply.from(), "CWM-2", reply.from() + " answered as Primary");
    }
    DiscoverReply earliest = earliestStarter();
    if (earliest != null && !earliest.from().equals(registeringWith)) {
      if (registeringWith != null) {
        g.env.send(registeringWith, new Withdraw(g.self)); // an even earlier starter answered late
      }
      // CWM-4: register with the gateway that will be Primary now, so the order is the order of arrival.
      registeringWith = earliest.from();
      aheadStartedAtMs = earliest.startedAtMs();
      g.trace.decision("CWM-3", earliest.from() + " began operation first (at " + earliest.startedAtMs()
          + " ms): registering with it ahead of its becoming Primary");
      g.env.send(earliest.from(), new Register(g.self, g.startedAtMs));
    }
    if (replies.size() == g.peers().size() && earliest == null && primaryReply() == null) {
      return decideAfterDiscovery(); // everyone answered: no need to wait out the window
    }
    return Behaviors.same();
  }

  /** The starting peer that began before this one (CWM-3: same instant → list order), or null if none. */
  private DiscoverReply earliestStarter() {
    DiscoverReply earliest = null;
    int myIndex = g.listIndex(g.self);
    for (DiscoverReply r : replies.values()) {
      if (CwmWords.STARTING.equals(r.role()) && before(r.startedAtMs(), r.listIndex(), g.startedAtMs, myIndex)
          && (earliest == null || before(r.startedAtMs(), r.listIndex(), earliest.startedAtMs(), earliest.listIndex()))) {
        earliest = r;
      }
    }
    return earliest;
  }

  private static boolean before(long t1, int i1, long t2, int i2) {
    return t1 < t2 || (t1 == t2 && i1 < i2);
  }

  /** A peer that answered as Primary itself, or null. */
  private DiscoverReply primaryReply() {
    return replies.values().stream().filter(r -> CwmWords.PRIMARY.equals(r.role())).findFirst().orElse(null);
  }

  /**
   * CWM-2: a registration unanswered within a discovery window is sent again, and the domain asked afresh: the
   * answers it was based on may be stale (a degraded Secondary still names the Primary it lost), so the next
   * window decides on new answers, not old ones.
   */
  private Behavior<Command> onDiscoveryEnd() {
    if (!registrationPending) {
      return decideAfterDiscovery();
    }
    registrationPending = false;
    discover();
    g.sendRegistration(registeredWith, "CWM-2", "no answer within a discovery window: registering again, and "
        + "asking the domain again who is Primary");
    return Behaviors.same();
  }

  private Behavior<Command> decideAfterDiscovery() {
    g.timers.cancel(Tick.DISCOVERY_END);
    if (replies.isEmpty() && registeredWith != null) {
      // Nobody answered this time (a one-way cut keeps the answers away): keep trying the one registered with.
      return registerWith(registeredWith, "CWM-2", "no gateway answered this discovery; " + registeredWith
          + " is the Primary this gateway registered with");
    }
    DiscoverReply primary = primaryReply();
    if (primary != null) {
      // CWM-2: a running Primary answered; its word beats Secondaries that still name this gateway (CWM-7
      // resumes the role only when no other Primary is running), or the domain would get a second Primary.
      return registerWith(primary.from(), "CWM-2", primary.from() + " answered as Primary");
    }
    boolean takenForPrimary = false;
    String believed = null;
    for (DiscoverReply r : replies.values()) {
      if (g.self.equals(r.primary())) {
        takenForPrimary = true;
      } else if (r.primary() != null && believed == null) {
        believed = r.primary();
      }
    }
    if (takenForPrimary && handedOverTo != null) {
      // CWM-6: this gateway shut down gracefully and nominated its SP1: peers that still name it missed the news.
      String nominee = handedOverTo;
      handedOverTo = null;
      return registerWith(nominee, "CWM-6", "this gateway handed the Primary role to " + nominee
          + " when it shut down gracefully; peers that still name it as Primary missed the handover");
    }
    if (takenForPrimary) {
      return becomePrimary("CWM-7", "restarted; the Secondaries still take this gateway for Primary, so it "
          + "resumes the role and they re-register");
    }
    if (believed != null) {
      return registerWith(believed, "CWM-2", "peers report " + believed + " as Primary");
    }
    if (earliestStarter() == null) {
      String why = replies.isEmpty()
          ? "no gateway of the domain answered within the discovery window of 2 × HeartBeatInterval (CWM-3)"
          : "no Primary yet and this gateway began operation first among " + replies.keySet() + " (CWM-3)";
      return becomePrimary("CWM-2", "first to begin operation: " + why);
    }
    discover(); // an earlier starter exists but has not become Primary yet: keep looking
    return Behaviors.same();
  }

  /**
   * CWM-17: the decision names the peers this gateway heard nothing from (no answer, no registration), and when
   * it last heard from the others: a peer that became Primary after answering was not heard from as Primary.
   */
  private Behavior<Command> becomePrimary(String rule, String why) {
    List<String> unheard = new java.util.ArrayList<>(g.peers());
    unheard.removeAll(replies.keySet());
    unheard.removeAll(pendingRegistrations.keySet());
    Map<String, Long> heard = new TreeMap<>(repliedAtMs);
    // A held registration is the peer's word as a Secondary, as fresh as its arrival: a registrant cut off since
    // may have become Primary (found by hasim explore with mismatched HeartBeatIntervals, CWM-1: a registration
    // 58 s old, its sender Primary for 18 s behind a cut, and the split was taken for a bug).
    pendingRegistrations.forEach((peer, held) -> heard.put(peer, held.receivedAtMs()));
    return PrimaryRole.become(g, rule, why, pendingRegistrations, unheard, null, heard);
  }

  /**
   * CWM-2: a gateway announces it is Primary: register with it, unless this gateway registered with that same
   * incarnation ahead of time (CWM-3) and its answer is on the way. A registration held by an earlier
   * incarnation of the announcer died with it.
   */
  private Behavior<Command> onNewPrimary(NewPrimary announcement) {
    if (announcement.from().equals(registeringWith) && announcement.startedAtMs() == aheadStartedAtMs) {
      return Behaviors.same();
    }
    return registerWith(announcement.from(), "CWM-2", announcement.from() + " is Primary");
  }

  /**
   * CWM-2: only a running Primary sends heartbeats and priority changes to the gateways it lists. One reaching
   * a starting gateway means that Primary registered it and the answer was lost (found by hasim explore: a
   * gateway that had registered ahead with an earlier starter (CWM-3) lost the Registered to a cut, ignored
   * the new Primary's heartbeats for 26 s after the heal, and took the role beside it "without hearing" it).
   * Register with it: the Primary answers a repeated Register of the same incarnation with the same number.
   */
  private Behavior<Command> onPrimaryHeard(String primary, String what) {
    if (registrationPending && primary.equals(registeredWith)) {
      return Behaviors.same(); // already registering with it; the retry timer runs
    }
    return registerWith(primary, "CWM-2", "a " + what + " from " + primary + ": it is Primary and lists this "
        + "gateway, whose registration answer was lost");
  }

  private Behavior<Command> onWithdraw(Withdraw withdraw) {
    if (pendingRegistrations.remove(withdraw.from()) == null) {
      withdrawn.add(withdraw.from()); // the registration itself is still on its way
    }
    return Behaviors.same();
  }

  private Behavior<Command> holdRegistration(Register register) {
    if (withdrawn.remove(register.from())) {
      return Behaviors.same();
    }
    pendingRegistrations.putIfAbsent(register.from(), new PrimaryRole.Held(register.startedAtMs(), g.env.nowMs()));
    return Behaviors.same();
  }

  private Behavior<Command> registerWith(String target, String rule, String why) {
    registeringWith = target;
    aheadStartedAtMs = -1;
    registeredWith = target;
    registrationPending = true;
    g.sendRegistration(target, rule, why);
    // CWM-2: no answer within a discovery window (the Register or its answer lost): look again and retry.
    // The Primary answers a repeated Register of the same incarnation with the same number (CWM-4).
    g.timers.startSingleTimer(Tick.DISCOVERY_END, Duration.ofMillis(2 * g.conf().heartbeatMs()));
    return Behaviors.same();
  }

  private Behavior<Command> onRegistered(Registered registered) {
    Behavior<Command> next = SecondaryRole.registered(g, registered, "CWM-4", "registered with Primary "
        + registered.from() + " as S" + registered.priority() + " (first-come-first-serve)");
    for (String waiting : pendingRegistrations.keySet()) {
      g.env.send(waiting, new RegisterElsewhere(g.self, registered.from()));
    }
    pendingRegistrations.clear();
    return next;
  }
}
