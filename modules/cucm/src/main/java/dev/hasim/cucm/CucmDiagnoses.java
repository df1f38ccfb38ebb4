package dev.hasim.cucm;

import dev.hasim.kernel.check.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** At the end of a run: what in the CUCM part has not settled, why, and what an operator can do. */
final class CucmDiagnoses {
  private CucmDiagnoses() {}

  static List<String> of(WorldState end, CucmTopology topology) {
    List<String> out = new ArrayList<>();
    halfLifeResets(end, topology, out);
    List<String> srst = new ArrayList<>();
    List<String> unregistered = new ArrayList<>();
    topology.phones().keySet().forEach(phone -> {
      WorldState.NodeView v = end.node(phone);
      if (v.up() && CucmWords.LIMITED.equals(v.state())) {
        srst.add(phone);
      } else if (v.up() && CucmWords.UNREGISTERED.equals(v.state())) {
        unregistered.add(phone);
      }
    });
    if (!srst.isEmpty()) {
      out.add(srst.size() + " phone(s) end in SRST limited service (" + sample(srst) + "): none of their CCMs "
          + "answers their probes (PH-1). They fall back once a CCM of their list has answered for the fallback "
          + "delay; check the CCMs and the WAN between the site and the cluster.");
    }
    if (!unregistered.isEmpty()) {
      out.add(unregistered.size() + " phone(s) end unregistered (" + sample(unregistered) + "): no CCM of their "
          + "list and no SRST gateway answers (PH-1).");
    }
    for (Cluster c : topology.clusters().values()) {
      if (c.ntpServers() == null) {
        continue;
      }
      WorldState.NodeView pub = end.node(c.publisher());
      if (!pub.up()) {
        continue;
      }
      boolean subsUnsynced = c.subscribers().stream().anyMatch(s -> end.up(s)
          && !CucmWords.SYNCHRONISED.equals(end.node(s).state()));
      if (!subsUnsynced) {
        continue;
      }
      if (CucmWords.LOCAL_CLOCK.equals(pub.state())) {
        out.add("The subscribers of " + c.name() + " are not synchronised: publisher " + c.publisher() + " has no "
            + "NTP server and runs on its internal clock at stratum 10, which is never used as a source (PH-3). "
            + "Configure an NTP server (stratum below 10) on the publisher.");
      } else if (!CucmWords.SYNCHRONISED.equals(pub.state())) {
        out.add("The subscribers of " + c.name() + " are not synchronised because publisher " + c.publisher()
            + " is not synchronised with its NTP source (" + pub.view(CucmWords.NTP_PEERS_VIEW) + "): subscribers "
            + "synchronise with the publisher only once it is (PH-3). Check the publisher's NTP servers and their "
            + "strata (below 10); the seed's advice when that cannot be fixed: disable NTP on the publisher.");
      }
    }
    return out;
  }

  /**
   * PH-2 (Seed): "if you got phone reset periodically (say, every 36 hours), check DHCP lease time. If the cycle
   * matches the half-life, it's most likely DHCP server issue."
   */
  private static void halfLifeResets(WorldState end, CucmTopology topology, List<String> out) {
    Map<String, List<String>> byServer = new TreeMap<>();
    Map<String, long[]> periods = new TreeMap<>();
    topology.phones().forEach((phone, config) -> {
      Object period = end.node(phone).view(CucmWords.RESET_PERIOD_VIEW);
      if (!(period instanceof Number p) || config.dhcpServer() == null) {
        return;
      }
      long half = config.leaseMs() / 2;
      // the reset delay and a DHCP exchange lie between a reset and the next lease's start
      if (Math.abs(p.longValue() - half) <= config.timing().resetDelayMs() + Phone.DHCP_RETRY_MS + 1_000) {
        byServer.computeIfAbsent(config.dhcpServer(), s -> new ArrayList<>()).add(phone);
        periods.put(config.dhcpServer(), new long[] {p.longValue(), config.leaseMs()});
      }
    });
    byServer.forEach((server, phones) -> {
      long[] p = periods.get(server);
      out.add(phones.size() + " phone(s) (" + sample(phones) + ") reset every " + p[0] / 1000 + " s, about half "
          + "of their " + p[1] / 1000 + " s DHCP lease: resets at the half-life period point to the DHCP server "
          + server + " (PH-2). Its NAK to a renewal makes a phone release its address and reset, not just "
          + "re-register; check " + server + "'s scope and lease settings.");
    });
  }

  static String sample(List<String> names) {
    return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " …";
  }
}
