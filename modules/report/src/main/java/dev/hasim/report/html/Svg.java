package dev.hasim.report.html;

import java.util.Locale;

/**
 * The smallest SVG/HTML writer that does the job: elements with escaped attributes and text. hasim draws
 * rectangles, lines, circles and text whose coordinates tests check; a library would add weight and hide
 * them (docs/architecture.md).
 */
final class Svg {
  private final StringBuilder out = new StringBuilder();

  static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  static String num(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Opens {@code <name attr="value" …>}; values are escaped, numbers written compactly. */
  Svg open(String name, Object... attributes) {
    out.append('<').append(name);
    attributes(attributes);
    out.append('>');
    return this;
  }

  /** A self-closing element, or one with a tooltip ({@code title}) when the last argument pair is "title". */
  Svg element(String name, Object... attributes) {
    String title = null;
    int n = attributes.length;
    if (n >= 2 && "title".equals(attributes[n - 2])) {
      title = String.valueOf(attributes[n - 1]);
      n -= 2;
    }
    out.append('<').append(name);
    Object[] plain = java.util.Arrays.copyOf(attributes, n);
    attributes(plain);
    if (title == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(escape(title)).append("</title></").append(name).append('>');
    }
    return this;
  }

  Svg text(String name, String content, Object... attributes) {
    out.append('<').append(name);
    attributes(attributes);
    out.append('>').append(escape(content)).append("</").append(name).append('>');
    return this;
  }

  Svg close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  Svg raw(String markup) {
    out.append(markup);
    return this;
  }

  private void attributes(Object[] attributes) {
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      String text = value instanceof Double d ? num(d) : value instanceof Float f ? num(f) : String.valueOf(value);
      out.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
