package dev.hasim.mgc;

import dev.hasim.mgc.PomCodes.OperationStatus;
import dev.hasim.mgc.PomCodes.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Directories a host is pulling for one request, and what each gave: a standby's prov-sync or prov-dply
 * (MGC-5, MGC-6), or a starting host's pull of the active configuration ({@code POM_START_MT}, MGC-7).
 */
final class PeerJob {
  final Subtype subtype;
  final String active;
  private final Map<String, OperationStatus> results = new TreeMap<>();
  private int outstanding;

  PeerJob(Subtype subtype, String active, int outstanding) {
    this.subtype = subtype;
    this.active = active;
    this.outstanding = outstanding;
  }

  /** Records one directory's status; returns how many are still outstanding. */
  int done(String version, OperationStatus status) {
    results.put(version, status);
    return --outstanding;
  }

  /** The directories that failed, as the decisions name them. */
  List<String> failures() {
    List<String> failed = new ArrayList<>();
    results.forEach((v, s) -> {
      if (!s.ok()) {
        failed.add("CFG_" + v + " (status " + s.code + " " + s.name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
    });
    return failed;
  }
}
