package dev.hasim.cwm;

import java.util.Locale;

/**
 * CWM-17 (Model): what a domain does once two of its Primaries hear each other again. The seed gives no
 * automatic resolution ("could … introduce multiple Primary CWMs into a domain"), so {@link #PERSIST} is the
 * default; {@link #RESOLVE} is the optional policy BEHAVIOURS.md allows. Set per domain with
 * {@code dual_primary_policy: persist | resolve}; it is hasim's setting, not a CWMGateway.conf key.
 */
public enum DualPrimaryPolicy {
  /** The Primaries stay until an operator acts (shuts one down, or ForcedSwitchOver on one of them). */
  PERSIST,
  /**
   * Every discovery window (2 × HeartBeatInterval) a Primary tells the peers it does not list that it is
   * Primary; of two Primaries that hear each other the reign that began first keeps the role (ties: the one
   * earlier in DomainGatewayList), the other yields, and it and its Secondaries re-register with the winner
   * (CWM-7).
   */
  RESOLVE;

  static DualPrimaryPolicy parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
