package dev.hasim.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The animated, steppable replay: a section for the page and the assets that run it — the data as JSON
 * ({@link ReplayData}, derived from the trace), {@code replay.css} and {@code replay.js} from this package's
 * resources, inlined so the page stays one file that needs no network. {@code hasim play} serves the same
 * assets with live data.
 */
public final class Replay {
  private Replay() {}

  /** Where the replay draws itself, with a line on how to use it. */
  public static String section() {
    return "<section class=\"replay-section\"><h2>Replay</h2><p class=\"hint\">Play, pause and step with the bar "
        + "at the bottom (space, ← →, + −, Home, End). Nodes are coloured by role and state (red ring: alarm "
        + "raised); links turn red dashed when cut, orange when only one direction is cut, red dash-dot when one "
        + "of several parallel links is cut, amber dotted when degraded. Dots are messages, named; the trace records them around each scenario event. Click a node, a "
        + "lane or a story line to go there.</p><div id=\"replay\"></div></section>\n";
  }

  /** The data and the code; put them at the end of the body, after every plot they follow. */
  public static String assets(String dataJson) {
    return "<script type=\"application/json\" id=\"replay-data\">" + dataJson + "</script>\n<style>"
        + resource("replay.css") + "</style>\n<script>" + resource("replay.js") + "</script>\n";
  }

  static String resource(String name) {
    try (InputStream in = Replay.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + Replay.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
