package dev.hasim.kernel.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the trace: when (virtual ms), who ({@code node}, or {@code "*"} for the whole network), what
 * ({@code kind}) and the kind's fields, in insertion order. The trace is the single source every view reads.
 *
 * @param fields the kind's fields; values are strings, numbers, booleans, null or lists of those
 */
public record TraceEvent(long tMs, String node, String kind, Map<String, Object> fields) {
  public static final String NETWORK = "*";

  public TraceEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public String string(String field) {
    Object value = fields.get(field);
    return value == null ? null : value.toString();
  }

  public Long number(String field) {
    return fields.get(field) instanceof Number n ? n.longValue() : null;
  }

  public boolean is(String kind) {
    return this.kind.equals(kind);
  }
}
