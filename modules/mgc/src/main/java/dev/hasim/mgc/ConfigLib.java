package dev.hasim.mgc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host's {@code /opt/CiscoMGC/etc} as data (MGC-3): the {@code CONFIG_LIB/CFG_<session>} directories, the
 * {@code active_link} and {@code prov_link} symbolic links, and the tables dynamic reconfiguration last loaded
 * from the {@code .dat} copies in {@code etc/}. It lives on the node's disk, so it survives crashes and
 * restarts; only the host's own actor changes it, apart from the operator's file faults.
 */
public final class ConfigLib {
  public static final String ROOT = "/opt/CiscoMGC/etc";
  public static final String LIB = ROOT + "/CONFIG_LIB";
  /** Disk key of a host's library. */
  public static final String DISK_KEY = "CONFIG_LIB";

  /**
   * One {@code .dat} file. POM compares {@code name}, {@code size} and {@code mtimeS} only (MGC-4); {@code rows}
   * (key → revision) is the table's content, for delCnt/updCnt/insCnt; {@code format} is the software release
   * that wrote it (MGC-8).
   */
  public record DataFile(String name, int size, long mtimeS, String format, Map<String, Integer> rows) {
    public DataFile {
      rows = java.util.Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    public String table() {
      return name.endsWith(".dat") ? name.substring(0, name.length() - 4) : name;
    }

    public boolean sameAttributes(DataFile other) {
      return other != null && name.equals(other.name) && size == other.size && mtimeS == other.mtimeS;
    }

    /** {@code changes} rows edited in a provisioning session, at {@code nowS}. */
    public DataFile edited(int changes, long nowS) {
      Map<String, Integer> next = new TreeMap<>(rows);
      List<String> keys = new ArrayList<>(next.keySet());
      for (int i = 0; i < changes; i++) {
        if (i < keys.size()) {
          next.merge(keys.get(i), 1, Integer::sum);
        } else {
          next.put("row" + (keys.size() + i + 1), 1);
        }
      }
      int grown = Math.max(0, changes - keys.size());
      return new DataFile(name, size + 3 * changes + 40 * grown, nowS, format, next);
    }

    public DataFile reformatted(String release, long nowS) {
      return new DataFile(name, size + 1, nowS, release, rows);
    }
  }

  /** One CFG_ directory; {@code polled} when POM fetched it from the peer (permissions drwxrw---). */
  public record Version(String name, Map<String, DataFile> files, long createdS, boolean polled) {
    public Version {
      files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public String dir() {
      return "CFG_" + name;
    }

    public String path() {
      return LIB + "/" + dir();
    }

    /**
     * {@code XEFileService::bftfrSndHandShake - Dir:total number of characters to be sent}: the directory
     * listing as one C string, a line for the directory ({@code CFG_<name> <count> <mtime>\n}) then a line a file
     * ({@code <file> <size> <mtime>\n}), counts and sizes zero-padded to 6 digits, times as 10-digit Unix
     * seconds, plus the terminating NUL. <i>Model</i> (the seed prints only the total): 55 files of release 9
     * give the seed's 1822 for CFG_pomtest1 and CFG_pomtest7 (docs/models/mgc.md, "Message sizes").
     */
    public int handshakeChars() {
      int chars = line(dir(), files.size(), createdS);
      for (DataFile f : files.values()) {
        chars += line(f.name(), f.size(), f.mtimeS());
      }
      return chars + 1;
    }

    private static int line(String name, long number, long mtimeS) {
      return name.length() + 1 + Math.max(6, String.valueOf(number).length()) + 1
          + Math.max(10, String.valueOf(mtimeS).length()) + 1;
    }

    public Version with(DataFile file) {
      Map<String, DataFile> next = new TreeMap<>(files);
      next.put(file.name(), file);
      return new Version(name, next, createdS, polled);
    }

    public Version renamed(String newName, long nowS) {
      return new Version(newName, files, nowS, false);
    }
  }

  private final TreeMap<String, Version> versions = new TreeMap<>();
  private String activeLink;
  private String provLink;
  /** Table → rows as last loaded into memory by dynamic reconfiguration (the etc/ copy). */
  private final TreeMap<String, Map<String, Integer>> loaded = new TreeMap<>();
  /** What can be wrong with a CFG_ directory on this host's disk (the scenario's {@code file_fault}). */
  public enum DirFault {
    /** The seed's wrong permissions: a received file cannot be renamed in (error 13, operationStatus 2). */
    PERMISSION_DENIED,
    /** The file system is full: received files are cut short and fail the integrity check (operationStatus 6). */
    DISK_FULL
  }

  private final TreeMap<String, DirFault> faults = new TreeMap<>();
  private String release;
  /** MGC-8: a release an upgrade installed, converted to at the host's next start; or null. */
  private String installed;

  public ConfigLib(String release) {
    this.release = release;
  }

  public String release() {
    return release;
  }

  public Map<String, Version> versions() {
    return java.util.Collections.unmodifiableMap(versions);
  }

  /** The directory names as POM walks them: oldest first, as the directory was created (MGC-5). */
  public List<String> inCreationOrder() {
    return byAge().stream().map(Version::name).toList();
  }

  private List<Version> byAge() {
    List<Version> all = new ArrayList<>(versions.values());
    all.sort(java.util.Comparator.comparingLong(Version::createdS).thenComparing(Version::name));
    return all;
  }

  public Version version(String name) {
    return versions.get(name);
  }

  public void put(Version version) {
    versions.put(version.name(), version);
  }

  public void remove(String name) {
    versions.remove(name);
  }

  public String activeLink() {
    return activeLink;
  }

  public String provLink() {
    return provLink;
  }

  public void setActiveLink(String name) {
    activeLink = name;
  }

  public void setProvLink(String name) {
    provLink = name;
  }

  /** The fault on a directory, or null when it is healthy. */
  public DirFault fault(String version) {
    return faults.get(version);
  }

  /** Sets or (with null) repairs a directory's fault. */
  public void setFault(String version, DirFault fault) {
    if (fault == null) {
      faults.remove(version);
    } else {
      faults.put(version, fault);
    }
  }

  /** MGC-8: an upgrade installed {@code newRelease}; whichever start of the host comes next boots it. */
  public void install(String newRelease) {
    installed = newRelease;
  }

  /**
   * MGC-8, at a start of the host: the software an upgrade installed boots and converts the local files first;
   * returns the release it converted to, or null if nothing was installed.
   */
  public String bootInstalled(long nowS) {
    String booted = installed;
    if (booted != null) {
      upgrade(booted, nowS);
      installed = null;
    }
    return booted;
  }

  /**
   * An upgrade converts the local files to the new release's format (MGC-8): their attributes change, so the
   * peer's old-format files no longer match them.
   */
  private void upgrade(String newRelease, long nowS) {
    release = newRelease;
    for (Version v : List.copyOf(versions.values())) {
      Map<String, DataFile> files = new TreeMap<>();
      v.files().forEach((n, f) -> files.put(n, f.reformatted(newRelease, nowS)));
      versions.put(v.name(), new Version(v.name(), files, v.createdS(), v.polled()));
    }
    Version active = activeLink == null ? null : versions.get(activeLink);
    if (active != null) {
      active.files().values().forEach(f -> loaded.put(f.table(), f.rows()));
    }
  }

  /** What one table's reload changed: {@code XETable::reload} and {@code XETable::purge} counts. */
  public record TableReload(String table, int delCnt, int updCnt, int insCnt) {
    public int purgeCount() {
      return delCnt + updCnt;
    }

    public boolean changed() {
      return delCnt + updCnt + insCnt > 0;
    }
  }

  /** The counts reloading {@code version} into memory would give, table by table, without loading it. */
  public List<TableReload> diffAgainstLoaded(Version version) {
    List<TableReload> result = new ArrayList<>();
    for (DataFile f : version.files().values()) {
      Map<String, Integer> before = loaded.getOrDefault(f.table(), Map.of());
      int del = 0;
      int upd = 0;
      int ins = 0;
      for (var row : before.entrySet()) {
        Integer now = f.rows().get(row.getKey());
        if (now == null) {
          del++;
        } else if (!now.equals(row.getValue())) {
          upd++;
        }
      }
      for (String key : f.rows().keySet()) {
        if (!before.containsKey(key)) {
          ins++;
        }
      }
      result.add(new TableReload(f.table(), del, upd, ins));
    }
    return result;
  }

  /** Dynamic reconfiguration: the version's tables are now the ones in memory. */
  public void load(Version version) {
    loaded.clear();
    version.files().values().forEach(f -> loaded.put(f.table(), f.rows()));
  }

  /**
   * diskmonitor (MGC-5): keeps at most {@code max} CFG_ directories, removing the oldest first but never the
   * active or the provisioned one. Returns what it removed.
   */
  public List<String> prune(int max) {
    List<String> removed = new ArrayList<>();
    if (max <= 0) {
      return removed;
    }
    for (Version v : byAge()) {
      if (versions.size() <= max) {
        break;
      }
      if (!v.name().equals(activeLink) && !v.name().equals(provLink)) {
        versions.remove(v.name());
        removed.add(v.name());
      }
    }
    return removed;
  }

  /** A short, stable fingerprint of a version's file attributes, for views and {@code config_in_sync}. */
  public static String fingerprint(Version v) {
    if (v == null) {
      return null;
    }
    long h = 1125899906842597L;
    for (DataFile f : v.files().values()) {
      h = 31 * h + f.name().hashCode();
      h = 31 * h + f.size();
      h = 31 * h + f.mtimeS();
      h = 31 * h + f.rows().hashCode();
    }
    return v.name() + "@" + Long.toHexString(h & 0xffffffffL);
  }

  /** The whole library's fingerprint: every directory, in name order. */
  public String libraryFingerprint() {
    long h = 7;
    for (Version v : versions.values()) {
      h = 31 * h + fingerprint(v).hashCode();
    }
    return versions.size() + " dirs@" + Long.toHexString(h & 0xffffffffL);
  }

  public Map<String, Integer> loadedCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    loaded.forEach((t, rows) -> counts.put(t, rows.size()));
    return counts;
  }
}
