package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.kit.KitPlugin;
import dev.hasim.scenario.kit.Names;
import dev.hasim.scenario.kit.Starts;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code topology.cucm}: clusters with their servers, CCM groups, device pools, SRST gateway, NTP and
 * EMCC users; phones; DHCP servers; NTP sources; the EMCC cluster view; the timers.
 *
 * <pre>
 * cucm:
 *   keepalive: 30s                    # PH-1 timers (optional): missed_keepalives, register_timeout, fallback_delay
 *   clusters:
 *     - name: ClusterOne
 *       publisher: pub1
 *       subscribers: [cm1, cm2]
 *       ccm_groups: {G1: [cm1, cm2, pub1]}   # PRIMARY, SECONDARY, TERTIARY
 *       device_pools: {DP1: G1}
 *       srst: srst1                         # optional
 *       ntp: [ntp1]                         # PH-3 (optional; [] = internal clock)
 *       users: {adgjm: test_emcc_udp}       # EMCC-1: users homed here → device profile
 *   ntp_sources: {ntp1: 2}                  # name → stratum
 *   dhcp_servers: [dhcp1]
 *   phones:
 *     - {name: SEP001E7A000001, cluster: ClusterOne, device_pool: DP1, dhcp: dhcp1, lease: 2h, count: 400}
 *   emcc: [ClusterOne, ClusterTwo]          # the EMCC cluster view
 * </pre>
 */
public final class CucmPlugin extends KitPlugin {
  public static final String NAME = "cucm";
  static final Set<String> KEYS = Set.of("keepalive", "missed_keepalives", "register_timeout", "fallback_delay",
      "reset_delay", "ntp_poll", "ntp_sync_after", "ntp_lose_after", "emcc_timeout", "clusters", "phones",
      "dhcp_servers", "ntp_sources", "emcc");
  static final Set<String> CLUSTER_KEYS = Set.of("name", "publisher", "subscribers", "ccm_groups", "device_pools",
      "srst", "ntp", "users", "auto_logout");
  static final Set<String> PHONE_KEYS = Set.of("name", "cluster", "device_pool", "dhcp", "lease", "count", "start",
      "start_spread");
  static final Pattern DEVICE_NAME = Pattern.compile("SEP[0-9A-F]{12}");
  static final int MAX_PHONES = 100_000;
  /** EMCC-1 (Seed): "Set logout for 36000 seconds". */
  static final long DEFAULT_AUTO_LOGOUT_MS = 36_000_000;

  public CucmPlugin() {
    super(NAME, "Cisco Unified CM clusters and IP phones: keepalive failover and fallback, SRST, DHCP half-life, "
        + "NTP strata, EMCC login (PH-1..3, EMCC-1)");
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    YMap top = section.map("topology.cucm").allowOnly(KEYS);
    CucmTiming timing = timing(top);
    Map<String, String> kinds = new LinkedHashMap<>(); // every node name → what it is, for duplicates
    Map<String, Integer> ntpSources = new LinkedHashMap<>();
    if (top.has("ntp_sources")) {
      YMap m = top.get("ntp_sources").map("ntp_sources");
      for (String name : m.keys()) {
        claim(kinds, m.keyNode(name), Names.check(m.keyNode(name), name, "ntp_sources", "a node name"), "NTP source");
        ntpSources.put(name, (int) m.get(name).integer("ntp_sources." + name + " (its stratum)", 1, 15));
      }
    }
    List<String> dhcpServers = new ArrayList<>();
    if (top.has("dhcp_servers")) {
      for (YNode item : top.get("dhcp_servers").list("dhcp_servers")) {
        dhcpServers.add(claim(kinds, item, Names.read(item, "dhcp_servers", "a node name"), "DHCP server"));
      }
    }
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    YNode clustersNode = top.require("clusters", "a list of clusters, e.g. - {name: C1, publisher: pub1, …}");
    List<YNode> clusterItems = clustersNode.list("clusters");
    if (clusterItems.isEmpty()) {
      throw clustersNode.expected("clusters", "at least one cluster");
    }
    Map<String, String> homeOf = new LinkedHashMap<>();
    for (YNode item : clusterItems) {
      Cluster c = cluster(item, kinds, ntpSources, homeOf);
      if (clusters.put(c.name(), c) != null) {
        throw item.map("cluster").get("name").error("name: cluster " + c.name() + " is declared twice");
      }
    }
    List<String> emcc = new ArrayList<>();
    if (top.has("emcc")) {
      for (YNode item : top.get("emcc").list("emcc")) {
        String name = item.string("emcc");
        if (!clusters.containsKey(name)) {
          throw item.error("emcc: unknown cluster \"" + name + "\"; the topology defines " + clusters.keySet());
        }
        emcc.add(name);
      }
    }
    CucmTopology topology = new CucmTopology(clusters, timing);
    for (Cluster c : clusters.values()) {
      Map<String, String> remotes = new LinkedHashMap<>();
      if (emcc.contains(c.name())) {
        emcc.stream().filter(n -> !n.equals(c.name())).forEach(n -> remotes.put(n, clusters.get(n).publisher()));
      }
      for (String server : c.servers()) {
        List<String> peers = c.servers().stream().filter(s -> !s.equals(server)).toList();
        boolean pub = server.equals(c.publisher());
        CcmConfig config = new CcmConfig(c, pub, peers, c.publisher(), c.ntpServers(), remotes, timing);
        topology.addNode("cluster " + c.name(), new NodeSpec(server, "cucm", env -> CcmNode.create(env, config),
            Msg.Shutdown.INSTANCE, 0L));
      }
      if (c.srst() != null) {
        topology.addNode("cluster " + c.name(), new NodeSpec(c.srst(), "srst",
            env -> SrstGateway.create(env, timing), Msg.Shutdown.INSTANCE, 0L));
      }
    }
    ntpSources.forEach((name, stratum) -> topology.addNode("NTP", new NodeSpec(name, "ntp",
        env -> NtpSource.create(env, stratum), Msg.Shutdown.INSTANCE, 0L)));
    Map<String, Map<String, Long>> leases = new LinkedHashMap<>();
    dhcpServers.forEach(d -> leases.put(d, new LinkedHashMap<>()));
    dhcpServers.forEach(d -> topology.addNode("DHCP", new NodeSpec(d, "dhcp",
        env -> DhcpServer.create(env, leases.get(d)), Msg.Shutdown.INSTANCE, 0L)));
    phones(top, clusters, kinds, dhcpServers, leases, timing, topology);
    return topology;
  }

  private static CucmTiming timing(YMap top) throws ScenarioException {
    CucmTiming d = CucmTiming.DEFAULT;
    return new CucmTiming(
        positive(top, "keepalive", d.keepaliveMs()),
        top.has("missed_keepalives") ? (int) top.get("missed_keepalives").integer("missed_keepalives", 1, 100)
            : d.missedKeepalives(),
        positive(top, "register_timeout", d.registerTimeoutMs()),
        top.has("fallback_delay") ? top.get("fallback_delay").durationMs("fallback_delay") : d.fallbackDelayMs(),
        positive(top, "reset_delay", d.resetDelayMs()),
        positive(top, "ntp_poll", d.ntpPollMs()),
        top.has("ntp_sync_after") ? (int) top.get("ntp_sync_after").integer("ntp_sync_after", 1, 100) : d.ntpSyncAfter(),
        top.has("ntp_lose_after") ? (int) top.get("ntp_lose_after").integer("ntp_lose_after", 1, 100) : d.ntpLoseAfter(),
        positive(top, "emcc_timeout", d.emccTimeoutMs()));
  }

  static long positive(YMap m, String key, long otherwise) throws ScenarioException {
    if (!m.has(key)) {
      return otherwise;
    }
    long ms = m.get(key).durationMs(key);
    if (ms <= 0) {
      throw m.get(key).expected(key, "a positive duration");
    }
    return ms;
  }

  private static String claim(Map<String, String> kinds, YNode at, String name, String kind) throws ScenarioException {
    String before = kinds.putIfAbsent(name, kind);
    if (before != null) {
      throw at.error(name + " is already declared as " + before + "; every node needs its own name");
    }
    return name;
  }

  private static Cluster cluster(YNode item, Map<String, String> kinds, Map<String, Integer> ntpSources,
      Map<String, String> homeOf) throws ScenarioException {
    YMap m = item.map("clusters[]").allowOnly(CLUSTER_KEYS);
    String name = Names.read(m.require("name", "the cluster's name, e.g. ClusterOne"), "name", "a cluster name");
    String publisher = claim(kinds, m.get("publisher"), Names.read(m.require("publisher",
        "the publisher's node name"), "publisher", "a node name"), "publisher of " + name);
    List<String> subscribers = new ArrayList<>();
    if (m.has("subscribers")) {
      for (YNode s : m.get("subscribers").list("subscribers")) {
        subscribers.add(claim(kinds, s, Names.read(s, "subscribers", "a node name"), "subscriber of " + name));
      }
    }
    List<String> servers = new ArrayList<>(subscribers);
    servers.add(0, publisher);
    Map<String, List<String>> groups = new LinkedHashMap<>();
    YMap g = m.require("ccm_groups", "the CCM groups, e.g. {G1: [cm1, cm2, cm3]} (PRIMARY, SECONDARY, TERTIARY)")
        .map("ccm_groups");
    if (g.size() == 0) {
      throw g.node().expected("ccm_groups", "at least one CCM group");
    }
    for (String group : g.keys()) {
      List<String> ccms = new ArrayList<>();
      List<YNode> members = g.get(group).list("ccm_groups." + group);
      if (members.isEmpty() || members.size() > 3) {
        throw g.get(group).expected("ccm_groups." + group, "1 to 3 CCMs: PRIMARY, SECONDARY, TERTIARY (PH-1)");
      }
      for (YNode ccm : members) {
        String s = ccm.string("ccm_groups." + group);
        if (!servers.contains(s)) {
          throw ccm.error("ccm_groups." + group + ": " + s + " is not a server of cluster " + name + " " + servers);
        }
        if (ccms.contains(s)) {
          throw ccm.error("ccm_groups." + group + ": " + s + " is listed twice");
        }
        ccms.add(s);
      }
      groups.put(group, List.copyOf(ccms));
    }
    Map<String, String> pools = new LinkedHashMap<>();
    if (m.has("device_pools")) {
      YMap p = m.get("device_pools").map("device_pools");
      for (String pool : p.keys()) {
        String group = p.get(pool).string("device_pools." + pool);
        if (!groups.containsKey(group)) {
          throw p.get(pool).error("device_pools." + pool + ": unknown CCM group \"" + group + "\"; cluster " + name
              + " has " + groups.keySet());
        }
        pools.put(pool, group);
      }
    } else {
      pools.put("Default", groups.keySet().iterator().next());
    }
    String srst = null;
    if (m.has("srst")) {
      srst = claim(kinds, m.get("srst"), Names.read(m.get("srst"), "srst", "a node name"), "SRST gateway of " + name);
    }
    List<String> ntp = null;
    if (m.has("ntp")) {
      ntp = new ArrayList<>();
      for (YNode s : m.get("ntp").list("ntp")) {
        String source = s.string("ntp");
        if (!ntpSources.containsKey(source)) {
          throw s.error("ntp: unknown NTP source \"" + source + "\"; declare it under ntp_sources (name: stratum)"
              + (ntpSources.isEmpty() ? "" : ", which has " + ntpSources.keySet()));
        }
        ntp.add(source);
      }
      ntp = List.copyOf(ntp);
    }
    Map<String, String> users = new LinkedHashMap<>();
    if (m.has("users")) {
      YMap u = m.get("users").map("users");
      for (String user : u.keys()) {
        String other = homeOf.putIfAbsent(user, name);
        if (other != null) {
          throw u.keyNode(user).error("users: " + user + " is already homed on cluster " + other
              + "; a user has one home cluster (EMCC-1)");
        }
        users.put(user, u.get(user).string("users." + user + " (the device profile)"));
      }
    }
    long autoLogout = m.has("auto_logout") ? positive(m, "auto_logout", 0) : DEFAULT_AUTO_LOGOUT_MS;
    return new Cluster(name, publisher, List.copyOf(subscribers), groups, pools, srst, ntp, users, autoLogout);
  }

  private static void phones(YMap top, Map<String, Cluster> clusters, Map<String, String> kinds,
      List<String> dhcpServers, Map<String, Map<String, Long>> leases, CucmTiming timing, CucmTopology topology)
      throws ScenarioException {
    if (!top.has("phones")) {
      return;
    }
    int total = 0;
    for (YNode item : top.get("phones").list("phones")) {
      YMap m = item.map("phones[]").allowOnly(PHONE_KEYS);
      YNode nameNode = m.require("name", "the device name, SEP and 12 hex digits, e.g. SEP001E7A24429A");
      String first = nameNode.string("name");
      if (!DEVICE_NAME.matcher(first).matches()) {
        throw nameNode.expected("name", "a device name: SEP and 12 upper-case hex digits (the MAC), e.g. "
            + "SEP001E7A24429A");
      }
      YNode clusterNode = m.require("cluster", "the phone's cluster, one of " + clusters.keySet());
      Cluster cluster = clusters.get(clusterNode.string("cluster"));
      if (cluster == null) {
        throw clusterNode.error("cluster: unknown cluster \"" + clusterNode.string("cluster") + "\"; the topology "
            + "defines " + clusters.keySet());
      }
      String pool = m.has("device_pool") ? m.get("device_pool").string("device_pool")
          : cluster.devicePools().keySet().iterator().next();
      if (!cluster.devicePools().containsKey(pool)) {
        throw (m.has("device_pool") ? m.get("device_pool") : m.node()).error("device_pool: cluster "
            + cluster.name() + " has no device pool \"" + pool + "\"; it has " + cluster.devicePools().keySet());
      }
      String dhcp = null;
      if (m.has("dhcp")) {
        dhcp = m.get("dhcp").string("dhcp");
        if (!dhcpServers.contains(dhcp)) {
          throw m.get("dhcp").error("dhcp: unknown DHCP server \"" + dhcp + "\"; declare it under dhcp_servers"
              + (dhcpServers.isEmpty() ? "" : ", which has " + dhcpServers));
        }
      } else if (m.has("lease")) {
        throw m.get("lease").error("lease: needs 'dhcp', the server that grants it");
      }
      long lease = positive(m, "lease", 3_600_000);
      int count = m.has("count") ? (int) m.get("count").integer("count", 1, MAX_PHONES) : 1;
      total += count;
      if (total > MAX_PHONES) {
        throw m.node().error("phones: more than " + MAX_PHONES + " phones in all");
      }
      long start = m.has("start") ? Starts.at(m.get("start"), "start") == null ? -1 : Starts.at(m.get("start"), "start") : 0;
      long spread = m.has("start_spread") ? m.get("start_spread").durationMs("start_spread") : 0;
      long mac = Long.parseLong(first.substring(3), 16);
      if (mac + count - 1 > 0xFFFFFFFFFFFFL) {
        throw m.get("count").error("count: " + first + " + " + count + " runs past SEPFFFFFFFFFFFF");
      }
      PhoneConfig config = new PhoneConfig(cluster.name(), cluster.ccmList(pool), cluster.srst(), dhcp,
          cluster.publisher(), lease, timing);
      String group = "phones " + cluster.name() + " / " + pool;
      for (int i = 0; i < count; i++) {
        String phone = String.format("SEP%012X", mac + i);
        claim(kinds, nameNode, phone, "a phone");
        if (dhcp != null) {
          leases.get(dhcp).put(phone, lease);
        }
        Long startAt = start < 0 ? null : start + (count == 1 ? 0 : spread * i / count);
        topology.addPhone(group, new NodeSpec(phone, "phone", env -> Phone.create(env, config),
            Msg.Shutdown.INSTANCE, startAt), config);
      }
    }
  }
}
