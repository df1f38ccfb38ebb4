package dev.hasim.cucm;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.check.WorldState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CUCM invariants, checked from outside the nodes on the trace. */
final class CucmInvariants {
  static final String AT_MOST_ONE = "registered-with-at-most-one";
  static final String NO_STRATUM_TEN = "no-sync-to-stratum-10";

  private CucmInvariants() {}

  /**
   * PH-1: a phone is registered with at most one CCM (or SRST gateway). Each registrar's registered-phones
   * counter may not exceed the running phones that say they are registered with it: a registration it holds
   * beyond those belongs to a phone registered elsewhere or nowhere. A registrar drops a phone that left
   * without a word (crash, cut) after three silent keepalive intervals and its sweep, and the counter is
   * refreshed once a second, hence the grace period (found by hasim explore: two phones crashing 70 s apart
   * made one episode longer than the grace of either). The grace restarts whenever the registrar accepts a
   * Register from a phone that does not say it is registered there: that phone may have lost the answer (a cut
   * just after it) and moved on, and the registrar rightly holds it for three more intervals (found by hasim
   * explore at 10,000 schedules: a restarted phone's Register reached cm1 4 ms before a partition, 67 s into the
   * episode its earlier crash had opened). A Register whose phone got its answer restarts nothing, so phones
   * registering normally cannot keep a real surplus from outlasting the grace.
   */
  static Invariant registeredWithAtMostOne(List<String> registrars, List<String> phones, CucmTiming timing,
      long worstDelayMs) {
    long grace = timing.lostAfterMs() + 2 * timing.keepaliveMs() + Registry.COUNTER_REFRESH_MS + 2 * worstDelayMs;
    return new Invariant() {
      public String name() {
        return AT_MOST_ONE;
      }

      public long graceMs() {
        return grace;
      }

      public void check(WorldState world, Breaches breaches) {
        Map<String, Integer> counted = null;
        for (String registrar : registrars) {
          WorldState.NodeView view = world.node(registrar);
          if (!view.up() || !(view.attribute(CucmWords.REGISTERED_PHONES) instanceof Number n) || n.intValue() == 0) {
            continue;
          }
          if (counted == null) {
            counted = new HashMap<>();
            for (String phone : phones) {
              WorldState.NodeView p = world.node(phone);
              Object ccm = p.up() ? p.view(CucmWords.CCM_VIEW) : null;
              if (ccm != null) {
                counted.merge(ccm.toString(), 1, Integer::sum);
              }
            }
          }
          int claimed = counted.getOrDefault(registrar, 0);
          if (n.intValue() > claimed) {
            // One episode per number of extra registrations, and a new one after a Register whose phone went
            // elsewhere: each phone that left without a word gets its own grace period, from the last
            // registration it could have made here, rather than one long episode while several overlap.
            breaches.breach(episode(world, registrar, view, n.intValue() - claimed), registrar + " holds " + n + " registrations but only " + claimed
                + " running phones say they are registered with it: " + (n.intValue() - claimed)
                + " phone(s) registered with it and elsewhere, or with none (PH-1)");
          }
        }
      }
    };
  }

  /** The breach's subject: the surplus, and the last accepted Register whose phone is not registered here. */
  private static String episode(WorldState world, String registrar, WorldState.NodeView view, int surplus) {
    Object last = view.attribute(CucmWords.LAST_REGISTERED);
    String subject = registrar + " +" + surplus;
    if (last == null) {
      return subject;
    }
    WorldState.NodeView phone = world.node(last.toString());
    Object claims = phone.up() ? phone.view(CucmWords.CCM_VIEW) : null;
    return registrar.equals(claims) ? subject
        : subject + " after registration #" + view.attribute(CucmWords.REGISTRATIONS_ACCEPTED) + " (" + last + ")";
  }

  /**
   * PH-3: no CUCM node is synchronised to a source at stratum 10 or more, and a subscriber is synchronised only
   * to its publisher while the publisher is synchronised, one stratum above it. A subscriber learns of its
   * publisher's change at its next poll, hence the grace period.
   */
  static Invariant noSyncToStratumTen(List<Cluster> clusters, CucmTiming timing, long worstDelayMs) {
    long grace = timing.ntpPollMs() + 2 * worstDelayMs + 1;
    return new Invariant() {
      public String name() {
        return NO_STRATUM_TEN;
      }

      public long graceMs() {
        return grace;
      }

      public void check(WorldState world, Breaches breaches) {
        for (Cluster c : clusters) {
          if (c.ntpServers() == null) {
            continue;
          }
          WorldState.NodeView pub = world.node(c.publisher());
          for (String server : c.servers()) {
            WorldState.NodeView view = world.node(server);
            if (!view.up() || !CucmWords.SYNCHRONISED.equals(view.state())) {
              continue;
            }
            Object stratum = view.attribute(CucmWords.STRATUM);
            if (!(stratum instanceof Number s) || s.intValue() > NtpClock.UNUSABLE_STRATUM) {
              breaches.breach(server, server + " is synchronised at stratum " + stratum + ": its source is at "
                  + "stratum 10 or more (PH-3)");
            } else if (!server.equals(c.publisher())) {
              boolean pubSynced = pub.up() && CucmWords.SYNCHRONISED.equals(pub.state())
                  && pub.attribute(CucmWords.STRATUM) instanceof Number ps && ps.intValue() == s.intValue() - 1;
              if (!pubSynced) {
                breaches.breach(server, "subscriber " + server + " is synchronised at stratum " + s + " but its "
                    + "publisher " + c.publisher() + " is " + (pub.up() ? pub.state() + " at stratum "
                    + pub.attribute(CucmWords.STRATUM) : "down") + " (PH-3)");
              }
            }
          }
        }
      }
    };
  }
}
