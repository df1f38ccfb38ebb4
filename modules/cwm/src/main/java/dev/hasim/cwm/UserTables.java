package dev.hasim.cwm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user data a CWM domain shares (CWM-19): the thirteen tables of the seed, each a sorted map from key to
 * value. Immutable snapshots travel between gateways; a gateway's own copy lives on its disk.
 */
public final class UserTables {
  /** The seed's list, in the seed's order. */
  public static final List<String> TABLES = List.of("node_info", "user_info", "sec_profile", "xpvc_preferred",
      "xpvc", "xpvc_segment", "sct", "sct_cosb", "sct_vc", "sct_usage", "conn_template", "conn_tmpl_param",
      "user_conn_desc");

  private final TreeMap<String, TreeMap<String, String>> tables = new TreeMap<>();

  public UserTables() {
    TABLES.forEach(t -> tables.put(t, new TreeMap<>()));
  }

  /** One change to one element of user data. */
  public record Change(String table, String key, String op, String value) {}

  public UserTables copy() {
    UserTables copy = new UserTables();
    tables.forEach((t, rows) -> copy.tables.get(t).putAll(rows));
    return copy;
  }

  public void apply(Change change) {
    TreeMap<String, String> rows = tables.get(change.table());
    if (change.op().equals("delete")) {
      rows.remove(change.key());
    } else {
      rows.put(change.key(), change.value());
    }
  }

  public boolean sameTable(UserTables other, String table) {
    return tables.get(table).equals(other.tables.get(table));
  }

  /** Per table, in the seed's order: SAME or DIFFERENT (usertblDBcmp, CWM-20). */
  public List<String> compare(UserTables other) {
    List<String> verdicts = new ArrayList<>();
    for (String table : TABLES) {
      verdicts.add(sameTable(other, table) ? "SAME" : "DIFFERENT");
    }
    return verdicts;
  }

  public int rows() {
    return tables.values().stream().mapToInt(Map::size).sum();
  }

  /** A short fingerprint for monitors: equal fingerprints mean equal tables (with high probability). */
  public String fingerprint() {
    return rows() + " rows #" + Integer.toHexString(tables.hashCode());
  }
}
