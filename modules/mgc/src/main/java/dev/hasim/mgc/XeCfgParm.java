package dev.hasim.mgc;

import dev.hasim.scenario.kit.ConfigFile;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A host's {@code XECfgParm.dat}: {@code key = value # comment} per line, as in the seed
 * ({@code diskmonitor.CfgRmDirs = 64    # remove old config directories if more than X exist (0 = disable)}).
 * The keys POM reads are checked; any other key is kept as written, as the real file holds hundreds.
 *
 * @param dataSync {@code pom.dataSync}: pull the active configuration at start-up and failover (MGC-7)
 * @param cfgRmDirs {@code diskmonitor.CfgRmDirs}: the most CFG_ directories kept, 0 = no limit (MGC-5)
 * @param port {@code pom.port}: UDP signalling port, 4001 by default; transfers use the next one (MGC-9)
 * @param logPrio {@code pom.logPrio}: the level POM logs at from start-up (MGC-12)
 */
public record XeCfgParm(boolean dataSync, int cfgRmDirs, int port, LogLevel logPrio, Map<String, String> all) {
  public static final int DEFAULT_CFG_RM_DIRS = 64;
  public static final int DEFAULT_PORT = 4001;
  public static final String DATA_SYNC = "pom.dataSync";
  public static final String CFG_RM_DIRS = "diskmonitor.CfgRmDirs";
  public static final String PORT = "pom.port";
  public static final String LOG_PRIO = "pom.logPrio";
  /** The file on each host's disk, read at every start of the MGC application (MGC-7). */
  public static final ConfigFile FILE = new ConfigFile("XECfgParm.dat");

  /**
   * The file on a host's disk, as the MGC application reads it at start (MGC-7). It was checked when the
   * scenario was read; an operator's later edit that breaks it is reported and the defaults are used.
   */
  static XeCfgParm read(Map<String, Object> disk, dev.hasim.kernel.trace.NodeRecorder trace) {
    try {
      return parse(FILE.text(disk));
    } catch (ParmException e) {
      trace.warning("MGC-7", FILE.name() + " line " + (e.line + 1) + ": " + e.getMessage() + "; using the defaults");
      return defaults();
    }
  }

  /** A problem on one line of the file; {@code line} counts from 0 within the text. */
  public static final class ParmException extends Exception {
    public final int line;

    ParmException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** Every setting at its default: {@code pom.dataSync = false}, as shipped (MGC-7). */
  public static XeCfgParm defaults() {
    return new XeCfgParm(false, DEFAULT_CFG_RM_DIRS, DEFAULT_PORT, LogLevel.ERR, Map.of());
  }

  public static XeCfgParm parse(String text) throws ParmException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String code = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (code.isEmpty()) {
        continue;
      }
      int eq = code.indexOf('=');
      if (eq <= 0) {
        throw new ParmException(i, "expected 'key = value', e.g. 'pom.dataSync = true', not '" + code + "'");
      }
      String key = code.substring(0, eq).strip();
      String value = code.substring(eq + 1).strip();
      if (key.contains(" ")) {
        throw new ParmException(i, "a key has no spaces: '" + key + "'");
      }
      values.put(key, value);
      lineOf.put(key, i);
    }
    return of(values, lineOf);
  }

  /** This file with {@code key} set to {@code value}: the text an operator's edit leaves (set_param). */
  public static String withValue(String text, String key, String value) {
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String code = hash >= 0 ? line.substring(0, hash) : line;
      int eq = code.indexOf('=');
      if (!replaced && eq > 0 && code.substring(0, eq).strip().equals(key)) {
        out.append(key).append(" = ").append(value).append(hash >= 0 ? " " + line.substring(hash) : "");
        replaced = true;
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    String result = out.substring(0, out.length() - 1);
    return replaced ? result : (result.isEmpty() || result.endsWith("\n") ? result : result + "\n") + key + " = " + value + "\n";
  }

  private static XeCfgParm of(Map<String, String> values, Map<String, Integer> lineOf) throws ParmException {
    boolean dataSync = false;
    if (values.containsKey(DATA_SYNC)) {
      String v = values.get(DATA_SYNC).toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new ParmException(lineOf.get(DATA_SYNC), DATA_SYNC + " is true or false, not '" + values.get(DATA_SYNC) + "'");
      }
      dataSync = v.equals("true");
    }
    int cfgRmDirs = DEFAULT_CFG_RM_DIRS;
    if (values.containsKey(CFG_RM_DIRS)) {
      cfgRmDirs = integer(values, lineOf, CFG_RM_DIRS, 0, 10_000);
    }
    int port = DEFAULT_PORT;
    if (values.containsKey(PORT) && !values.get(PORT).equalsIgnoreCase("default")) {
      port = integer(values, lineOf, PORT, 1, 65_534);
    }
    LogLevel logPrio = LogLevel.ERR;
    if (values.containsKey(LOG_PRIO)) {
      logPrio = LogLevel.parse(values.get(LOG_PRIO));
      if (logPrio == null) {
        throw new ParmException(lineOf.get(LOG_PRIO), LOG_PRIO + " is one of " + LogLevel.NAMES + ", not '"
            + values.get(LOG_PRIO) + "'");
      }
    }
    return new XeCfgParm(dataSync, cfgRmDirs, port, logPrio, Map.copyOf(values));
  }

  private static int integer(Map<String, String> values, Map<String, Integer> lineOf, String key, int min, int max)
      throws ParmException {
    try {
      int v = Integer.parseInt(values.get(key));
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParmException(lineOf.get(key), key + " is a whole number from " + min + " to " + max + ", not '"
        + values.get(key) + "'");
  }
}
