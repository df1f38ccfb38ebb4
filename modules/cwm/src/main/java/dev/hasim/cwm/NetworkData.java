package dev.hasim.cwm;

import java.util.Map;
import java.util.TreeMap;

/**
 * A workstation's copy of the network data (CWM-12): "data that originates in the network and is communicated
 * to the CWM workstation(s) by means of the proprietary Robust Trap mechanism or by SNMP" (seed 002), e.g. the
 * alarm status of a port or an access line. It lives on the gateway's disk beside the user tables, a sorted map
 * from a network object's name to its latest value. Unlike user data (CWM-19) it never travels between
 * gateways: each workstation gets it from the network itself.
 */
public final class NetworkData {
  /** The disk key of a gateway's copy. */
  static final String DISK_KEY = "network_data";

  private final TreeMap<String, String> objects = new TreeMap<>();

  /**
   * One change to one network object, as provisioned from workstation {@code origin} at {@code atMs}.
   *
   * @param value the object's new value, null for a delete
   */
  public record Change(String object, String op, String origin, long atMs, String value) {
    static Change of(String object, String op, String origin, long atMs) {
      return new Change(object, op, origin, atMs, op.equals("delete") ? null : op + " by " + origin + " at " + atMs
          + " ms");
    }
  }

  /** The gateway's copy on {@code disk}, created empty on first use. */
  static NetworkData on(Map<String, Object> disk) {
    return (NetworkData) disk.computeIfAbsent(DISK_KEY, k -> new NetworkData());
  }

  void apply(Change change) {
    if (change.value() == null) {
      objects.remove(change.object());
    } else {
      objects.put(change.object(), change.value());
    }
  }

  int size() {
    return objects.size();
  }

  /** For the {@code network_data} view: equal fingerprints mean equal copies (with high probability). */
  String fingerprint() {
    return objects.size() + " objects #" + Integer.toHexString(objects.hashCode());
  }
}
