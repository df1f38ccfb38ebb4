package dev.hasim.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of docs/rules.md (built into this module's jar), by ID: the text a report shows for a cited rule,
 * and the anchor of its section ({@code CWM-8} → {@code cwm-8}), so a report explains itself offline.
 */
public final class RuleCatalogue {
  private static final Map<String, String> TEXTS = load();

  private RuleCatalogue() {}

  /** The rule's text, or null for an ID the catalogue does not hold. */
  public static String text(String id) {
    return TEXTS.get(id);
  }

  /** The anchor of the rule's section in docs/rules.md, as Markdown renderers make it. */
  public static String anchor(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  public static Map<String, String> all() {
    return TEXTS;
  }

  /** {@code ### ID} headings, each followed by a blank line and the rule's text as one paragraph. */
  static Map<String, String> parse(String markdown) {
    Map<String, String> texts = new LinkedHashMap<>();
    String[] lines = markdown.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("### ")) {
        String id = lines[i].substring(4).strip();
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (j < lines.length && lines[j].isBlank()) {
          j++;
        }
        while (j < lines.length && !lines[j].isBlank() && !lines[j].startsWith("#") && !lines[j].startsWith("- ")) {
          text.append(text.length() == 0 ? "" : " ").append(lines[j].strip());
          j++;
        }
        texts.put(id, text.toString().replace("`", ""));
      }
    }
    return texts;
  }

  private static Map<String, String> load() {
    try (InputStream in = RuleCatalogue.class.getResourceAsStream("rules.md")) {
      return in == null ? Map.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Map.of();
    }
  }
}
