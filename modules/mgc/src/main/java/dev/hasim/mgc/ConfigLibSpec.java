package dev.hasim.mgc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code config_lib:} section of a pair: which CFG_ versions exist, how many {@code .dat} files each holds,
 * which is active, and how the standby's copy differs (whole directories missing, files whose attributes
 * differ). Versions are created an hour apart, oldest first; a file's size and rows follow from its name, so the
 * same file is identical in every version unless the scenario says otherwise.
 */
public record ConfigLibSpec(List<String> versions, int filesPerVersion, String active, String prov,
    Set<String> standbyMissing,
    Map<String, List<String>> standbyStale) {

  /**
   * Data file names of an MGC release 9 configuration (the seed names accRespCat.dat and components.dat);
   * beyond these, {@code table<n>.dat}.
   */
  static final List<String> FILE_NAMES = List.of("accRespCat.dat", "alarmCategories.dat", "alarmTable.dat",
      "atmConnection.dat", "bearChan.dat", "components.dat", "compTypes.dat", "critMap.dat", "dialPlanBase.dat",
      "dmprSink.dat", "extNodes.dat", "fileCfg.dat", "gwResource.dat", "ipDest.dat", "ipLink.dat", "ipRoute.dat",
      "isupTimerProfile.dat", "lineInterface.dat", "linkset.dat", "measCategories.dat", "measProfiles.dat",
      "mgcpPath.dat", "mmlCmdGroup.dat", "nasPath.dat", "nodeParms.dat", "percRoute.dat", "profile.dat",
      "properties.dat", "q931SigPath.dat", "routeAnalysis.dat", "routeGroup.dat", "routeList.dat", "routing.dat",
      "sessionSet.dat", "sigChanDev.dat", "sigChanDevIp.dat", "sigPath.dat", "sigPathProp.dat", "siteCode.dat",
      "sipPath.dat", "ss7Route.dat", "ss7SubSys.dat", "switchLinks.dat", "tcapPath.dat", "tgAttributes.dat",
      "tgBearer.dat", "tgProfile.dat", "trkgrpProp.dat", "trunkCIC.dat", "trunkGroup.dat", "trunkGroupProp.dat",
      "trunkRoute.dat", "variant.dat", "version.dat", "xecfgTable.dat");
  static final long HOUR_S = 3600;

  public static ConfigLibSpec single(String active, int files) {
    return new ConfigLibSpec(List.of(active), files, active, active, Set.of(), Map.of());
  }

  /** The active host's library, or the standby's with its differences, written by {@code release}. */
  public ConfigLib build(boolean standby, String release, long epochS) {
    ConfigLib lib = new ConfigLib(release);
    for (int i = 0; i < versions.size(); i++) {
      String name = versions.get(i);
      if (standby && standbyMissing.contains(name)) {
        continue;
      }
      long createdS = epochS - (versions.size() - i) * HOUR_S;
      Map<String, ConfigLib.DataFile> files = new TreeMap<>();
      List<String> stale = standby ? standbyStale.getOrDefault(name, List.of()) : List.of();
      for (int f = 0; f < filesPerVersion; f++) {
        String file = f < FILE_NAMES.size() ? FILE_NAMES.get(f) : "table" + (f + 1) + ".dat";
        // The same file in every version: copied forward by each prov-sta, unless a scenario provisions it.
        long mtimeS = epochS - versions.size() * HOUR_S - 86_400;
        if (stale.contains(file)) {
          mtimeS -= 86_400; // touched on the other host: the same content, other attributes (MGC-4)
        }
        files.put(file, new ConfigLib.DataFile(file, sizeOf(file), mtimeS, release, rowsOf(file)));
      }
      lib.put(new ConfigLib.Version(name, files, createdS, false));
    }
    String activeHere = lib.version(active) != null ? active : lib.versions().isEmpty() ? null
        : lib.versions().keySet().stream().reduce((a, b) -> b).orElse(null);
    lib.setActiveLink(activeHere);
    lib.setProvLink(prov != null && lib.version(prov) != null ? prov : activeHere);
    if (activeHere != null) {
      lib.load(lib.version(activeHere));
    }
    return lib;
  }

  /** All the file names a version holds, for checking {@code standby_stale}. */
  public List<String> fileNames() {
    return java.util.stream.IntStream.range(0, filesPerVersion)
        .mapToObj(f -> f < FILE_NAMES.size() ? FILE_NAMES.get(f) : "table" + (f + 1) + ".dat").toList();
  }

  /** 58 bytes for accRespCat.dat, as in the seed's listing; others 200 bytes to 6 KB, fixed by the name. */
  static int sizeOf(String file) {
    if (file.equals("accRespCat.dat")) {
      return 58;
    }
    return 200 + (int) Math.floorMod(file.hashCode() * 2654435761L, 5800L);
  }

  static Map<String, Integer> rowsOf(String file) {
    Map<String, Integer> rows = new TreeMap<>();
    int count = Math.max(1, sizeOf(file) / 60);
    for (int i = 1; i <= count; i++) {
      rows.put(String.format("%s-%03d", file.replace(".dat", ""), i), 1);
    }
    return rows;
  }
}
