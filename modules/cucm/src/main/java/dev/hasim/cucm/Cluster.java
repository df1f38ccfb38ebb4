package dev.hasim.cucm;

import java.util.List;
import java.util.Map;

/**
 * One CUCM cluster as the scenario declares it.
 *
 * @param publisher the publisher: the NTP source of its subscribers (PH-3), the EMCC and TFTP service (EMCC-1)
 * @param subscribers the other CUCM nodes, in the order written
 * @param ccmGroups each CCM group's ordered CCMs: PRIMARY, SECONDARY, TERTIARY (PH-1)
 * @param devicePools device pool → CCM group
 * @param srst the SRST gateway of the cluster's phones, or null
 * @param ntpServers the publisher's NTP servers (PH-3); empty: its internal clock
 * @param users EMCC-1: users homed on this cluster → their device profile
 * @param autoLogoutMs EMCC-1: the home cluster's auto-logout timer (the seed's 36000 s)
 */
public record Cluster(String name, String publisher, List<String> subscribers, Map<String, List<String>> ccmGroups,
    Map<String, String> devicePools, String srst, List<String> ntpServers, Map<String, String> users,
    long autoLogoutMs) {

  List<String> servers() {
    java.util.List<String> all = new java.util.ArrayList<>();
    all.add(publisher);
    all.addAll(subscribers);
    return all;
  }

  /** The CCM list of a device pool: its group's CCMs in priority order. */
  List<String> ccmList(String devicePool) {
    return ccmGroups.get(devicePools.get(devicePool));
  }

  /** The list a logged-in EMCC user's phone registers to: the first CCM group's (EMCC-1). */
  List<String> homeList() {
    return ccmGroups.values().iterator().next();
  }
}
