package dev.hasim.scenario.yaml;

import dev.hasim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML value that remembers where it was written, so every complaint about it can name the file, line
 * and column. Readers say what they expect ({@code durationMs("at")}); a mismatch becomes a
 * {@link ScenarioException} such as {@code x.yaml:12:9: at: expected a duration like 10s, 500ms or 2m, found "ten"}.
 */
public final class YNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final int MAX_STRING = 4096;

  private final String file;
  private final Node node;

  YNode(String file, Node node) {
    this.file = file;
    this.node = node;
  }

  public String file() {
    return file;
  }

  public int line() {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }

  public int column() {
    return node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
  }

  /**
   * The file line (from 1) of line {@code index} (from 0) of this scalar's text: a block scalar's text starts
   * on the line after its {@code |}; a plain or quoted one on its own line.
   */
  public int textLine(int index) {
    boolean block = node instanceof ScalarNode scalar
        && (scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
            || scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED);
    return block ? line() + 1 + index : line();
  }

  /** An error on line {@code index} of this scalar's text (a configuration file written inline). */
  public ScenarioException errorInText(int index, String problem) {
    return new ScenarioException(file, textLine(index), 1, problem);
  }

  public ScenarioException error(String problem) {
    return new ScenarioException(file, line(), column(), problem);
  }

  public ScenarioException expected(String what, String expectation) {
    return error(what + ": expected " + expectation + ", found " + describe());
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  public boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  public YMap map(String what) throws ScenarioException {
    if (!(node instanceof MappingNode mapping)) {
      throw expected(what, "a mapping (key: value)");
    }
    return new YMap(this, mapping);
  }

  public List<YNode> list(String what) throws ScenarioException {
    if (!(node instanceof SequenceNode sequence)) {
      throw expected(what, "a list");
    }
    List<YNode> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new YNode(file, item));
    }
    return items;
  }

  /** A plain string; numbers and booleans are refused, so {@code name: 12} is flagged, not coerced. */
  public String string(String what) throws ScenarioException {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
      throw expected(what, "a string");
    }
    String value = scalar.getValue();
    if (value.isBlank()) {
      throw expected(what, "a non-empty string");
    }
    if (value.length() > MAX_STRING) {
      throw error(what + ": longer than " + MAX_STRING + " characters");
    }
    return value;
  }

  /**
   * Any scalar as written, for values that are text to the model even when YAML reads them as numbers or
   * booleans (a release {@code 9.3}, a parameter value {@code false}).
   */
  public String scalarText(String what) throws ScenarioException {
    if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
      throw expected(what, "a value");
    }
    if (scalar.getValue().length() > MAX_STRING) {
      throw error(what + ": longer than " + MAX_STRING + " characters");
    }
    return scalar.getValue();
  }

  /** A string that may also be a literal block (configuration file text): any length, may be blank lines. */
  public String text(String what) throws ScenarioException {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
      throw expected(what, "text");
    }
    return scalar.getValue();
  }

  public long integer(String what, long min, long max) throws ScenarioException {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
      throw expected(what, "a whole number");
    }
    long value;
    try {
      value = Long.decode(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException e) {
      throw expected(what, "a whole number between " + min + " and " + max);
    }
    if (value < min || value > max) {
      throw expected(what, "a whole number between " + min + " and " + max);
    }
    return value;
  }

  public boolean bool(String what) throws ScenarioException {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
      throw expected(what, "true or false");
    }
    return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
  }

  /** A probability: 0, 0.25, 1 or a percentage such as 5%. */
  public double probability(String what) throws ScenarioException {
    if (node instanceof ScalarNode scalar) {
      String text = scalar.getValue().trim();
      try {
        double value = text.endsWith("%")
            ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0
            : (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) ? Double.parseDouble(text)
            : Double.NaN;
        if (value >= 0.0 && value <= 1.0) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw expected(what, "a probability between 0 and 1 (or a percentage like 5%)");
  }

  /** A duration with its unit: {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
  public long durationMs(String what) throws ScenarioException {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      Matcher m = DURATION.matcher(scalar.getValue().trim());
      if (m.matches()) {
        double amount = Double.parseDouble(m.group(1));
        long unitMs = switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
        double ms = amount * unitMs;
        if (ms > 366L * 24 * 3_600_000) {
          throw expected(what, "a duration of at most a year");
        }
        if (ms != Math.floor(ms)) {
          throw expected(what, "a whole number of milliseconds");
        }
        return (long) ms;
      }
    }
    if (node instanceof ScalarNode scalar && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      throw expected(what, "a duration with a unit, like " + scalar.getValue() + "s or " + scalar.getValue() + "ms");
    }
    throw expected(what, "a duration like 10s, 500ms or 2m");
  }

  /**
   * A duration the way a scenario writes it: {@code 400s}, {@code 1.5s}, {@code 2m}, {@code 250ms}; for messages
   * about times that were computed rather than read (a value as read is best quoted as written).
   */
  public static String durationText(long ms) {
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0 && ms < 3_600_000) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    if (ms > 1000 && ms % 100 == 0) {
      return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
    return ms + "ms";
  }

  /** The scalar as the file wrote it, e.g. {@code 400s}; a short description for anything else. */
  public String written() {
    return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) ? scalar.getValue().trim()
        : describe();
  }

  /** A name or a list of names: {@code crash: A1} and {@code crash: [A1, A2]} both read as a list. */
  public List<String> strings(String what) throws ScenarioException {
    List<String> values = new ArrayList<>();
    if (isList()) {
      for (YNode item : list(what)) {
        values.add(item.string(what));
      }
    } else {
      values.add(string(what));
    }
    return values;
  }

  /** How the value reads in an error message. */
  public String describe() {
    if (node instanceof ScalarNode scalar) {
      if (scalar.getTag().equals(Tag.NULL)) {
        return "nothing";
      }
      String value = scalar.getValue();
      if (value.length() > 40) {
        value = value.substring(0, 37) + "...";
      }
      return scalar.getTag().equals(Tag.STR) ? '"' + value + '"' : value;
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }

  /** Compact flow-style rendering, e.g. {@code {at: 15s, alarm: {node: A1, active: true}}}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    render(node, out);
    return out.toString();
  }

  private static void render(Node node, StringBuilder out) {
    if (node instanceof ScalarNode scalar) {
      out.append(scalar.getValue());
    } else if (node instanceof SequenceNode sequence) {
      out.append('[');
      for (int i = 0; i < sequence.getValue().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(sequence.getValue().get(i), out);
      }
      out.append(']');
    } else if (node instanceof MappingNode mapping) {
      out.append('{');
      for (int i = 0; i < mapping.getValue().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(mapping.getValue().get(i).getKeyNode(), out);
        out.append(": ");
        render(mapping.getValue().get(i).getValueNode(), out);
      }
      out.append('}');
    }
  }

  static ScenarioException at(String file, Mark mark, String problem) {
    return new ScenarioException(file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
        problem);
  }
}
