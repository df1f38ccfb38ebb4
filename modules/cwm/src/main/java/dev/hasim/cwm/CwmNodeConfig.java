package dev.hasim.cwm;

import java.util.List;

/**
 * What the plug-in hands each gateway when it is created: typed, read and validated once from the scenario.
 * CWMGateway.conf itself is not here but on the gateway's disk, where {@code conf} actions edit it and the
 * gateway reads it (at start, and on HUP, USR1 and USR2); {@code conf} is the plug-in's reading of the text it
 * seeded there, which the gateway keeps only as the last good configuration should a later edit break the file.
 *
 * @param confText the CWMGateway.conf text the scenario gives this host (domain text plus its overrides)
 * @param conf that text, parsed by {@link CwmConf#parse}
 * @param networkSyncMs CWM-21: how long the first network discovery takes
 * @param warnings CWM-1: configuration differences from the other members, logged at every start
 * @param dualPrimaryPolicy CWM-17: what this gateway does as Primary once it hears another Primary of its domain
 */
public record CwmNodeConfig(String confText, CwmConf conf, long networkSyncMs, List<String> warnings,
    DualPrimaryPolicy dualPrimaryPolicy) {
  public CwmNodeConfig {
    warnings = List.copyOf(warnings);
  }

  /** The default CWM-17 policy: several Primaries persist until an operator acts. */
  public CwmNodeConfig(String confText, CwmConf conf, long networkSyncMs, List<String> warnings) {
    this(confText, conf, networkSyncMs, warnings, DualPrimaryPolicy.PERSIST);
  }
}
