package dev.hasim.cwm;

import java.util.List;
import java.util.Map;

/**
 * One CWM domain as configured: its gateways in declaration order and what the plug-in hands each of them
 * (its CWMGateway.conf text and reading, its CWM-1 warnings, the network sync time).
 */
record CwmDomain(String name, List<String> hosts, Map<String, CwmNodeConfig> config, Map<String, Long> startAtMs) {
  CwmConf conf(String host) {
    return config.get(host).conf();
  }

  /** Each host's configuration as the scenario gives it. */
  Map<String, CwmConf> conf() {
    Map<String, CwmConf> conf = new java.util.LinkedHashMap<>();
    config.forEach((host, c) -> conf.put(host, c.conf()));
    return conf;
  }

  /** CWM-17: the domain's dual-Primary policy (one setting for the whole domain). */
  DualPrimaryPolicy dualPrimaryPolicy() {
    return config.get(hosts.get(0)).dualPrimaryPolicy();
  }

  /** The longest HeartBeatInterval the scenario gives a gateway of this domain. */
  long heartbeatMs() {
    return config.values().stream().mapToLong(c -> c.conf().heartbeatMs()).max().orElse(0);
  }
}
