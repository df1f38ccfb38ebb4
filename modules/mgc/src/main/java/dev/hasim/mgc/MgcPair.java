package dev.hasim.mgc;

import java.util.List;
import java.util.Map;

/**
 * One redundant pair as the scenario describes it.
 *
 * @param hosts the two hosts; the first is the preferred active, the second holds the standby's library
 * @param xecfgparm each host's XECfgParm.dat text
 * @param startAtMs when each host first starts (null: waits for a scenario {@code start})
 * @param release the MGC software release both hosts run at first (MGC-8)
 * @param ips the addresses platform.log prints (the seed's 10.48.84.24 and 10.48.84.65 for the first pair)
 */
public record MgcPair(String name, List<String> hosts, Map<String, String> xecfgparm, Map<String, Long> startAtMs,
    ConfigLibSpec configLib, String release, MgcSettings settings, Map<String, String> ips) {

  public String peerOf(String host) {
    return hosts.get(0).equals(host) ? hosts.get(1) : hosts.get(0);
  }

  public boolean preferred(String host) {
    return hosts.get(0).equals(host);
  }

  /** The host's CONFIG_LIB at its first start: the active's library for the first host, the standby's for the other. */
  public ConfigLib initialLibrary(String host) {
    return configLib.build(!preferred(host), release, settings.epochS());
  }
}
