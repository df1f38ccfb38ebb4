package dev.hasim.cwm;

import java.util.List;
import java.util.Map;

/**
 * One CWM domain as configured: its gateways in declaration order, each host's own configuration file, and
 * the CWM-1 warnings each host will log at start.
 */
record CwmDomain(String name, List<String> hosts, Map<String, String> confText, Map<String, CwmConf> conf,
    Map<String, List<String>> warnings, Map<String, Long> startAtMs, long networkSyncMs) {

  /** The longest a gateway of this domain takes to notice a silent peer. */
  long detectionPeriodMs() {
    return conf.values().stream().mapToLong(CwmConf::silenceTimeoutMs).max().orElse(0);
  }

  long heartbeatMs() {
    return conf.values().stream().mapToLong(CwmConf::heartbeatMs).max().orElse(0);
  }
}
