package dev.hasim.ipfe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IPFE-1: a DSR has at most four IPFE servers, IPFE-A1 and IPFE-A2 (small DSR) plus IPFE-B1 and IPFE-B2 (big
 * DSR); A1↔A2 and B1↔B2 are mates. Any other layout is a configuration error.
 */
public final class IpfeLayout {
  static final Map<String, String> MATES =
      Map.of("IPFE-A1", "IPFE-A2", "IPFE-A2", "IPFE-A1", "IPFE-B1", "IPFE-B2", "IPFE-B2", "IPFE-B1");

  private IpfeLayout() {}

  /** The mate of a server name, e.g. IPFE-A1 → IPFE-A2. */
  public static String mateOf(String server) {
    String mate = MATES.get(server);
    if (mate == null) {
      throw new IllegalArgumentException("not an IPFE server name: " + server);
    }
    return mate;
  }

  /** Why this list of servers is not a valid DSR layout, or empty if it is. */
  public static Optional<String> problem(List<String> servers) {
    Set<String> unique = new LinkedHashSet<>();
    for (String server : servers) {
      if (!MATES.containsKey(server)) {
        return Optional.of("\"" + server + "\" is not an IPFE server name; a DSR has IPFE-A1, IPFE-A2, IPFE-B1, "
            + "IPFE-B2 (IPFE-1)");
      }
      if (!unique.add(server)) {
        return Optional.of(server + " is listed twice (IPFE-1)");
      }
    }
    for (String server : unique) {
      if (!unique.contains(mateOf(server))) {
        return Optional.of(server + " needs its mate " + mateOf(server) + " (IPFE-1: A1↔A2 and B1↔B2 are mated)");
      }
    }
    if (unique.contains("IPFE-B1") && !unique.contains("IPFE-A1")) {
      return Optional.of("IPFE-B1 and IPFE-B2 exist only on a big DSR that also has IPFE-A1 and IPFE-A2 (IPFE-1)");
    }
    if (unique.isEmpty()) {
      return Optional.of("no servers; expected [IPFE-A1, IPFE-A2] and optionally IPFE-B1, IPFE-B2 (IPFE-1)");
    }
    return Optional.empty();
  }
}
