package dev.hasim.kernel.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trace.jsonl}: one JSON object per line, keys {@code t_ms}, {@code node}, {@code kind}, then the
 * kind's fields. The trace hash is the SHA-256 of exactly these bytes, so two runs agree on the hash if and
 * only if they agree on every line.
 */
public final class TraceFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceFormat() {}

  public static Map<String, Object> asMap(TraceEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("t_ms", event.tMs());
    line.put("node", event.node());
    line.put("kind", event.kind());
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      // A field named like the line's own keys would silently replace them (an MGC file_fault's kind once made
      // its fault line read "kind":"permission_denied"): refuse it where it is written.
      if (line.containsKey(field.getKey())) {
        throw new IllegalStateException("trace field '" + field.getKey() + "' would overwrite the event's own in "
            + event);
      }
      line.put(field.getKey(), field.getValue());
    }
    return line;
  }

  public static String line(TraceEvent event) {
    try {
      return JSON.writeValueAsString(asMap(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("trace field not serialisable in " + event, e);
    }
  }

  public static String jsonl(List<TraceEvent> events) {
    StringBuilder out = new StringBuilder(events.size() * 96);
    for (TraceEvent event : events) {
      out.append(line(event)).append('\n');
    }
    return out.toString();
  }

  public static String sha256(String jsonl) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(jsonl.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
