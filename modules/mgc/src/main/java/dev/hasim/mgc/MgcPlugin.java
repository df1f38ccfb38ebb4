package dev.hasim.mgc;

import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.kit.Groups;
import dev.hasim.scenario.kit.KitPlugin;
import dev.hasim.scenario.kit.Names;
import dev.hasim.scenario.kit.PerHost;
import dev.hasim.scenario.kit.Starts;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code topology.mgc}: a list of redundant pairs.
 *
 * <pre>
 * mgc:
 *   - pair: pgw
 *     hosts: [mgc-01, mgc-02]          # the first is the preferred active; the second holds the standby's library
 *     start: {mgc-02: 30s}             # both at 0 s unless said otherwise ("never": waits for a start event)
 *     release: "9.2"                   # the software both run at first (MGC-8)
 *     xecfgparm: |                     # XECfgParm.dat, shared by the pair
 *       pom.dataSync = true # sync standby with active
 *     xecfgparm_overrides: {mgc-02: "diskmonitor.CfgRmDirs = 32"}
 *     config_lib:
 *       versions: [pomtest1, pomtest7, pomtest20]
 *       files_per_version: 55
 *       active: pomtest7
 *       standby_missing: [pomtest20]
 *       standby_stale: {pomtest7: [components.dat]}
 *     transfer: {timeout: 30s, file_overhead: 195ms, bandwidth_kbps: 10000, rto: 300ms, retries: 5}
 *     response_timeout: 10s
 *     platform_start: 26452ms          # start until POM takes a role (MGC-1; the seed's start-up example)
 *     clock: "2002-10-20 16:07:00"     # the wall-clock time virtual 0 s stands for in platform.log
 * </pre>
 */
public final class MgcPlugin extends KitPlugin {
  public static final String NAME = "mgc";
  static final Set<String> PAIR_KEYS = Set.of("pair", "hosts", "start", "release", "xecfgparm", "xecfgparm_overrides",
      "config_lib", "transfer", "response_timeout", "platform_start", "clock");
  static final Set<String> LIB_KEYS = Set.of("versions", "files_per_version", "active", "prov", "standby_missing",
      "standby_stale");
  static final Set<String> TRANSFER_KEYS = Set.of("timeout", "file_overhead", "bandwidth_kbps", "rto", "retries");
  private static final Pattern VERSION_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public MgcPlugin() {
    super(NAME, "Cisco MGC redundant pairs: failover, POM prov-sync / prov-dply / pom.dataSync, platform.log (MGC-1..12)");
  }

  @Override
  public ModelTopology readTopology(YNode section) throws ScenarioException {
    List<YNode> items = Groups.items(section, NAME, "a list of pairs, e.g. - pair: pgw", "at least one pair");
    Map<String, MgcPair> pairs = new LinkedHashMap<>();
    Set<String> hosts = new HashSet<>();
    for (YNode item : items) {
      MgcPair pair = readPair(item.map("topology.mgc[]").allowOnly(PAIR_KEYS), pairs.size());
      if (pairs.containsKey(pair.name())) {
        throw item.error("pair \"" + pair.name() + "\" is defined twice");
      }
      for (String host : pair.hosts()) {
        if (!hosts.add(host)) {
          throw item.error("host " + host + " belongs to two pairs");
        }
      }
      pairs.put(pair.name(), pair);
    }
    return new MgcTopology(pairs);
  }

  private static MgcPair readPair(YMap m, int index) throws ScenarioException {
    String name = Names.read(m.require("pair", "the pair's name"), "pair", "a name");
    YNode hostsNode = m.require("hosts", "the two hosts, e.g. [mgc-01, mgc-02]");
    List<String> hosts = new ArrayList<>();
    for (YNode h : hostsNode.list("hosts")) {
      hosts.add(Names.read(h, "hosts[]", "a host name"));
    }
    if (hosts.size() != 2 || hosts.get(0).equals(hosts.get(1))) {
      throw hostsNode.expected("hosts", "two different hosts: a redundant pair is one active and one standby (MGC-1)");
    }
    Map<String, Long> startAt = Starts.read(m.has("start") ? m.get("start") : null, hosts,
        "is not a host of pair " + name);
    String release = m.has("release") ? m.get("release").scalarText("release") : "9.2";

    YNode parmNode = m.has("xecfgparm") ? m.get("xecfgparm") : null;
    String shared = parmNode == null ? "" : parmNode.text("xecfgparm");
    check(parmNode, shared, "XECfgParm.dat of pair " + name);
    Map<String, YNode> overrides = PerHost.read(m, "xecfgparm_overrides", hosts, "is not a host of pair " + name);
    Map<String, String> texts = PerHost.texts(shared, overrides, hosts, (text, host, o) -> {
      XeCfgParm parsed = check(o, o.text("xecfgparm_overrides." + host), "XECfgParm.dat override of " + host);
      for (var entry : parsed.all().entrySet()) {
        text = XeCfgParm.withValue(text, entry.getKey(), entry.getValue());
      }
      return text;
    });

    ConfigLibSpec lib = m.has("config_lib") ? readLib(m.get("config_lib").map("config_lib"))
        : ConfigLibSpec.single("pomtest1", 55);
    MgcSettings settings = readSettings(m);
    Map<String, String> ips = new LinkedHashMap<>();
    ips.put(hosts.get(0), "10.48." + (84 + index) + ".24");
    ips.put(hosts.get(1), "10.48." + (84 + index) + ".65");
    return new MgcPair(name, List.copyOf(hosts), texts, startAt, lib, release, settings, ips);
  }

  private static XeCfgParm check(YNode node, String text, String what) throws ScenarioException {
    try {
      return XeCfgParm.parse(text);
    } catch (XeCfgParm.ParmException e) {
      throw node.errorInText(e.line, what + ": " + e.getMessage());
    }
  }

  private static ConfigLibSpec readLib(YMap m) throws ScenarioException {
    m.allowOnly(LIB_KEYS);
    YNode versionsNode = m.require("versions", "the CFG_ version names, e.g. [pomtest1, pomtest2]");
    List<String> versions = new ArrayList<>();
    for (YNode v : versionsNode.list("config_lib.versions")) {
      String version = v.scalarText("config_lib.versions[]");
      if (!VERSION_PATTERN.matcher(version).matches()) {
        throw v.expected("config_lib.versions[]", "a session name of letters, digits, '-' and '_' (POM_INVALID_DST 2023)");
      }
      if (versions.contains(version)) {
        throw v.error("version " + version + " is listed twice");
      }
      versions.add(version);
    }
    if (versions.isEmpty()) {
      throw versionsNode.expected("config_lib.versions", "at least one version");
    }
    int files = m.has("files_per_version")
        ? (int) m.get("files_per_version").integer("config_lib.files_per_version", 1, 2000) : 55;
    String active = versions.get(versions.size() - 1);
    if (m.has("active")) {
      YNode a = m.get("active");
      active = a.scalarText("config_lib.active");
      if (!versions.contains(active)) {
        throw a.error("config_lib.active: " + active + " is not one of the versions " + versions);
      }
    }
    // MGC-3: prov_link may point elsewhere than active_link (the seed: active CFG_pomtest1, prov CFG_pltest).
    String prov = active;
    if (m.has("prov")) {
      YNode p = m.get("prov");
      prov = p.scalarText("config_lib.prov");
      if (!versions.contains(prov)) {
        throw p.error("config_lib.prov: " + prov + " is not one of the versions " + versions);
      }
    }
    Set<String> missing = new LinkedHashSet<>();
    if (m.has("standby_missing")) {
      for (YNode v : m.get("standby_missing").list("config_lib.standby_missing")) {
        String version = v.scalarText("config_lib.standby_missing[]");
        if (!versions.contains(version)) {
          throw v.error("config_lib.standby_missing: " + version + " is not one of the versions " + versions);
        }
        missing.add(version);
      }
    }
    ConfigLibSpec partial = new ConfigLibSpec(versions, files, active, prov, missing, Map.of());
    Map<String, List<String>> stale = new LinkedHashMap<>();
    if (m.has("standby_stale")) {
      YMap s = m.get("standby_stale").map("config_lib.standby_stale");
      for (String version : s.keys()) {
        if (!versions.contains(version)) {
          throw s.keyNode(version).error("config_lib.standby_stale: " + version + " is not one of the versions " + versions);
        }
        List<String> names = new ArrayList<>();
        for (YNode f : s.get(version).list("config_lib.standby_stale." + version)) {
          String file = f.string("a file name");
          if (!partial.fileNames().contains(file)) {
            throw f.error("config_lib.standby_stale: CFG_" + version + " has no file " + file + "; its files are "
                + partial.fileNames().subList(0, Math.min(6, files)) + (files > 6 ? " …" : ""));
          }
          names.add(file);
        }
        stale.put(version, List.copyOf(names));
      }
    }
    return new ConfigLibSpec(List.copyOf(versions), files, active, prov, Set.copyOf(missing), stale);
  }

  private static MgcSettings readSettings(YMap m) throws ScenarioException {
    MgcSettings d = MgcSettings.defaults();
    long timeout = d.xferTimeoutMs();
    long overhead = d.fileOverheadMs();
    long bandwidth = d.bandwidthBps();
    long rto = d.rtoMs();
    int retries = d.maxRetries();
    if (m.has("transfer")) {
      YMap t = m.get("transfer").map("transfer").allowOnly(TRANSFER_KEYS);
      if (t.has("timeout")) {
        timeout = t.get("timeout").durationMs("transfer.timeout");
      }
      if (t.has("file_overhead")) {
        overhead = t.get("file_overhead").durationMs("transfer.file_overhead");
      }
      if (t.has("bandwidth_kbps")) {
        bandwidth = t.get("bandwidth_kbps").integer("transfer.bandwidth_kbps", 1, 100_000_000) * 1000;
      }
      if (t.has("rto")) {
        rto = t.get("rto").durationMs("transfer.rto");
      }
      if (t.has("retries")) {
        retries = (int) t.get("retries").integer("transfer.retries", 0, 100);
      }
    }
    long response = m.has("response_timeout") ? m.get("response_timeout").durationMs("response_timeout")
        : d.responseTimeoutMs();
    long platformStart = m.has("platform_start") ? m.get("platform_start").durationMs("platform_start")
        : d.platformStartMs();
    long epochS = d.epochS();
    if (m.has("clock")) {
      YNode c = m.get("clock");
      try {
        epochS = LocalDateTime.parse(c.string("clock").replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw c.expected("clock", "a date and time like \"2002-10-20 16:07:00\"");
      }
    }
    if (timeout <= 0 || rto <= 0 || response <= 0) {
      throw m.node().error("transfer.timeout, transfer.rto and response_timeout must be more than 0");
    }
    return new MgcSettings(d.heartbeatMs(), d.missedHeartbeats(), timeout, overhead, bandwidth, rto, retries,
        response, platformStart, epochS, d.zone());
  }
}
