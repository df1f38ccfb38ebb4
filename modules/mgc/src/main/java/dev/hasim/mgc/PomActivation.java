package dev.hasim.mgc;

import dev.hasim.mgc.PomCodes.PomStatus;
import java.util.List;

/**
 * Activation and dynamic reconfiguration (MGC-3, MGC-8): pointing active_link and prov_link at a version,
 * copying its files to etc/ and reloading every table, and diskmonitor's pruning (MGC-5). Every platform state
 * may activate: the active on prov-cpy and prov-dply, a standby on a peer's push, a starting host after its
 * pull.
 */
final class PomActivation {
  private final MgcHost host;

  PomActivation(MgcHost host) {
    this.host = host;
  }

  /**
   * Points active_link (and prov_link) at a version, copies its .dat files to etc/ and reloads every table.
   * Refused with 2030 when the files were written by another release than the one running (MGC-8).
   */
  PomStatus activate(String version, String provVersion, String rule) {
    ConfigLib.Version v = host.lib.version(version);
    if (v == null) {
      return PomStatus.POM_INVALID_SRC;
    }
    for (ConfigLib.DataFile f : v.files().values()) {
      if (!f.format().equals(host.lib.release())) {
        host.log(LogLevel.ERR, "MGC-8", "XETable::reload: validation = " + PomStatus.POM_VER_MISMATCH.code + ", process = "
            + MgcHost.PROCESS + ", table = " + f.table() + ": file written by release " + f.format() + ", this host runs "
            + host.lib.release() + " (POM_VER_MISMATCH)");
        host.trace.decision("MGC-8", "CFG_" + version + " holds release " + f.format() + " files; this host runs "
            + host.lib.release() + ": not loaded (" + PomStatus.POM_VER_MISMATCH.code + " POM_VER_MISMATCH)");
        return PomStatus.POM_VER_MISMATCH;
      }
    }
    host.spend(PomStepTimes.ACTIVE_LINK);
    host.log(LogLevel.DEBUG, rule, "pomMgr::setupActvLink. Set link to [" + v.path() + "].");
    host.lib.setActiveLink(version);
    String prov = provVersion != null && host.lib.version(provVersion) != null ? provVersion : version;
    host.spend(PomStepTimes.PROV_LINK);
    host.log(LogLevel.DEBUG, rule, "pomMgr::setupProvLink. Set link to [" + ConfigLib.LIB + "/CFG_" + prov + "].");
    host.lib.setProvLink(prov);
    host.spend(PomStepTimes.PREPARE_FILES);
    host.log(LogLevel.DEBUG, "MGC-3", "pomMgr::prepareActvFiles. Executing command [cp -p " + v.path() + "/[a-z]*.dat "
        + ConfigLib.ROOT + "/].");
    // The seed reloads components first (both its examples), then the rest; Model: the rest in name order.
    List<ConfigLib.TableReload> reloads = new java.util.ArrayList<>(host.lib.diffAgainstLoaded(v));
    reloads.sort(java.util.Comparator.comparing(r -> !r.table().equals("components")));
    for (ConfigLib.TableReload r : reloads) {
      if (r.changed()) {
        host.log(LogLevel.DEBUG, "MGC-3", "pomMgr::UpdateHdlr: sending update notification " + r.table());
        host.log(LogLevel.DEBUG, "MGC-3", "cfgEventHandler: sending update notification for " + r.table());
      }
    }
    int changed = 0;
    host.spend(PomStepTimes.COPY_PER_FILE, v.files().size());
    boolean first = true;
    for (ConfigLib.TableReload r : reloads) {
      if (!first) {
        host.spend(PomStepTimes.RELOAD_TABLE);
      }
      first = false;
      host.log(LogLevel.DEBUG, "MGC-3", "XETable::reload: validation = 0, process = " + MgcHost.PROCESS + ", table = " + r.table()
          + ", delCnt = " + r.delCnt() + ", updCnt = " + r.updCnt() + ", insCnt = " + r.insCnt());
      host.spend(PomStepTimes.RELOAD_STEP);
      host.log(LogLevel.DEBUG, "MGC-3", "pomMgr::sendUpdateRequest: reloading " + r.table());
      host.spend(PomStepTimes.RELOAD_STEP);
      host.log(LogLevel.DEBUG, "MGC-3", "XETable::purge: validation = 1, process = " + MgcHost.PROCESS + ", table = " + r.table()
          + ", purge count = " + r.purgeCount());
      changed += r.changed() ? 1 : 0;
    }
    host.lib.load(v);
    host.trace.decision("MGC-3", "active_link → CFG_" + version + ", .dat files copied to etc/, " + reloads.size()
        + " tables reloaded (" + changed + " changed)", "reloaded", changed);
    publishLibrary();
    return PomStatus.XE_NORMAL;
  }

  /** MGC-5: diskmonitor keeps at most diskmonitor.CfgRmDirs directories. */
  void pruneLibrary() {
    List<String> removed = host.lib.prune(host.parm.cfgRmDirs());
    if (!removed.isEmpty()) {
      host.trace.decision("MGC-5", "diskmonitor removed " + removed.size() + " old CFG_ director"
          + (removed.size() == 1 ? "y" : "ies") + " " + removed + " (diskmonitor.CfgRmDirs = " + host.parm.cfgRmDirs() + ")");
      publishLibrary();
    }
  }

  void publishLibrary() {
    host.trace.view("active_link", host.lib.activeLink() == null ? null : "CFG_" + host.lib.activeLink());
    host.trace.view("prov_link", host.lib.provLink() == null ? null : "CFG_" + host.lib.provLink());
    host.trace.view("config", ConfigLib.fingerprint(host.lib.activeLink() == null ? null : host.lib.version(host.lib.activeLink())));
    host.trace.view("library", host.lib.libraryFingerprint());
  }}
