package dev.hasim.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cluster member's address as the user writes it: {@code HOST:PORT}, e.g. {@code 127.0.0.1:25520}. */
public record Endpoint(String host, int port) {
  /** The coordinator's port when {@code --cluster} is given without one. */
  public static final int DEFAULT_PORT = 25520;
  public static final String LOOPBACK = "127.0.0.1";

  private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s]+)(?::(\\d{1,5}))?");

  public Endpoint {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
    }
  }

  /**
   * Parses {@code HOST[:PORT]}; the port defaults to {@code defaultPort}.
   *
   * @throws IllegalArgumentException with a sentence that says what was expected
   */
  public static Endpoint parse(String text, int defaultPort) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected HOST:PORT (e.g. 127.0.0.1:25520), found \"" + text + "\"");
    }
    int port = m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2));
    if (port > 65_535) {
      throw new IllegalArgumentException("port " + port + " in \"" + text + "\" is not between 0 and 65535");
    }
    return new Endpoint(m.group(1), port);
  }

  /** True when the host is this machine's loopback (127.x, ::1, localhost). */
  public boolean isLoopback() {
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
