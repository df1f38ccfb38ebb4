package dev.hasim.cwm;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.kit.Groups;
import dev.hasim.scenario.kit.KitPlugin;
import dev.hasim.scenario.kit.Names;
import dev.hasim.scenario.kit.PerHost;
import dev.hasim.scenario.kit.Starts;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code topology.cwm}: a list of domains, each with its gateways, the domain's CWMGateway.conf text and
 * per-host differences.
 *
 * <pre>
 * cwm:
 *   - domain: east
 *     gateways:                      # start times give the first-come-first-serve order
 *       - {host: cwmws1, start: 0s}
 *       - {host: cwmws2, start: 2s}
 *     conf: |                        # CWMGateway.conf, shared by the domain
 *       DomainGatewayList cwmws1 cwmws2
 *       HeartBeatInterval 20
 *     conf_overrides: {cwmws2: "HeartBeatInterval 10"}
 *     network_sync: 0s               # CWM-21: time to sync with the network on first start
 *     dual_primary_policy: persist   # CWM-17: persist (default) or resolve
 * </pre>
 */
public final class CwmPlugin extends KitPlugin {
  public static final String NAME = "cwm";
  static final Set<String> DOMAIN_KEYS = Set.of("domain", "gateways", "conf", "conf_overrides", "network_sync",
      "dual_primary_policy");

  public CwmPlugin() {
    super(NAME, "Cisco WAN Manager peer-to-peer domains: Primary/Secondary, priorities, degraded mode (CWM-1..23)");
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    List<CwmDomain> domains = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<YNode> items = Groups.items(section, NAME, "a list of domains, e.g. - domain: east", "at least one domain");
    for (YNode item : items) {
      CwmDomain domain = readDomain(item.map("topology.cwm[]").allowOnly(DOMAIN_KEYS));
      if (!names.add(domain.name())) {
        throw item.error("domain \"" + domain.name() + "\" is defined twice");
      }
      domains.add(domain);
    }
    return new CwmTopology(CwmTopology.byName(domains));
  }

  private static CwmDomain readDomain(YMap m) throws ScenarioException {
    String name = Names.read(m.require("domain", "the domain's name"), "domain", "a name");
    List<String> hosts = new ArrayList<>();
    Map<String, Long> startAt = new LinkedHashMap<>();
    YNode gatewaysNode = m.require("gateways", "the domain's gateways, e.g. - {host: cwmws1, start: 0s}");
    for (YNode g : gatewaysNode.list("gateways")) {
      String host;
      Long start = 0L;
      if (g.isScalar()) {
        host = g.string("gateways[]");
      } else {
        YMap gm = g.map("gateways[]").allowOnly(Set.of("host", "start"));
        host = gm.require("host", "the workstation's host name").string("host");
        if (gm.has("start")) {
          start = Starts.at(gm.get("start"), "start");
        }
      }
      Names.check(g, host, "host", "a host name");
      if (hosts.contains(host)) {
        throw g.error("gateway " + host + " is listed twice in domain " + name);
      }
      hosts.add(host);
      startAt.put(host, start);
    }
    if (hosts.isEmpty()) {
      throw gatewaysNode.expected("gateways", "at least one gateway");
    }
    YNode confNode = m.require("conf", "the CWMGateway.conf text shared by the domain (CWM-23)");
    String domainText = confNode.text("conf");
    Map<String, CwmConf> confs = new LinkedHashMap<>();
    Map<String, YNode> overrides = PerHost.read(m, "conf_overrides", hosts, "is not a gateway of domain " + name);
    Map<String, String> texts = PerHost.texts(domainText, overrides, hosts, CwmPlugin::withOverride);
    for (String host : hosts) {
      String text = texts.get(host);
      YNode overrideNode = overrides.get(host);
      CwmConf conf;
      try {
        conf = CwmConf.parse(text, host);
      } catch (CwmConf.ConfException e) {
        throw (overrideNode != null ? overrideNode : confNode).errorInText(
            overrideNode != null ? 0 : e.line, "CWMGateway.conf of " + host + ": " + e.getMessage());
      }
      for (String listed : conf.domainGatewayList()) {
        if (!hosts.contains(listed)) {
          throw confNode.errorInText(lineOf(domainText, "DomainGatewayList"), "DomainGatewayList names "
              + listed + ", which is not a gateway of domain " + name + " " + hosts);
        }
      }
      if (conf.forcedSwitchOver() != null && !hosts.contains(conf.forcedSwitchOver())) {
        throw confNode.errorInText(lineOf(domainText, "ForcedSwitchOver"), "ForcedSwitchOver names "
            + conf.forcedSwitchOver() + ", which is not a gateway of domain " + name);
      }
      confs.put(host, conf);
    }
    long networkSyncMs = m.has("network_sync") ? m.get("network_sync").durationMs("network_sync") : 0;
    DualPrimaryPolicy policy = DualPrimaryPolicy.PERSIST;
    if (m.has("dual_primary_policy")) {
      YNode policyNode = m.get("dual_primary_policy");
      String word = policyNode.string("dual_primary_policy");
      if (!word.equals("persist") && !word.equals("resolve")) {
        throw policyNode.expected("dual_primary_policy", "persist (the default: several Primaries stay until an "
            + "operator acts) or resolve (the older reign keeps the role when they hear each other, CWM-17)");
      }
      policy = DualPrimaryPolicy.parse(word);
    }
    Map<String, List<String>> warnings = warnings(confs);
    Map<String, CwmNodeConfig> config = new LinkedHashMap<>();
    for (String host : hosts) {
      config.put(host, new CwmNodeConfig(texts.get(host), confs.get(host), networkSyncMs, warnings.get(host),
          policy));
    }
    return new CwmDomain(name, List.copyOf(hosts), config, startAt);
  }

  /** A host's {@code conf_overrides} lines replace the domain's lines with the same key (CWM-23). */
  private static String withOverride(String domainText, String host, YNode overrideNode) throws ScenarioException {
    String overrideText = overrideNode.text("conf_overrides." + host);
    try {
      CwmConf.lines(overrideText);
    } catch (CwmConf.ConfException e) {
      throw overrideNode.errorInText(e.line, "CWMGateway.conf of " + host + ": " + e.getMessage());
    }
    String text = domainText;
    for (String line : overrideText.split("\n")) {
      String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      if (!code.isBlank()) {
        text = CwmConf.withLine(text, code);
      }
    }
    return text;
  }

  /** CWM-1: every member must list the same hosts and use the same HeartBeatInterval; each still acts on its own. */
  static Map<String, List<String>> warnings(Map<String, CwmConf> confs) {
    Map<String, List<String>> warnings = new LinkedHashMap<>();
    for (var entry : confs.entrySet()) {
      List<String> mine = new ArrayList<>();
      CwmConf own = entry.getValue();
      for (var other : confs.entrySet()) {
        if (other.getKey().equals(entry.getKey())) {
          continue;
        }
        if (!new TreeSet<>(own.domainGatewayList()).equals(new TreeSet<>(other.getValue().domainGatewayList()))) {
          mine.add("DomainGatewayList " + own.domainGatewayList() + " differs from " + other.getKey() + "'s "
              + other.getValue().domainGatewayList() + "; all members must list the same hosts");
        }
        if (own.heartBeatIntervalS() != other.getValue().heartBeatIntervalS()) {
          mine.add("HeartBeatInterval " + own.heartBeatIntervalS() + " differs from " + other.getKey() + "'s "
              + other.getValue().heartBeatIntervalS() + "; all members must use the same value");
        }
      }
      warnings.put(entry.getKey(), List.copyOf(mine));
    }
    return warnings;
  }

  private static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith(key)) {
        return i;
      }
    }
    return 0;
  }
}
