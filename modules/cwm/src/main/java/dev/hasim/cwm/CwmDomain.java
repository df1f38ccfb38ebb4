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
}
