package dev.hasim.testkit;

/**
 * A failed expectation about a simulation. The message names the node, the virtual instant, what was expected,
 * what was found, the seed and the command that reproduces the test; the parts are also fields, for tools.
 */
public final class SimAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String node;
  private final long atMs;
  private final String expected;
  private final String actual;

  SimAssertionError(String message, String node, long atMs, String expected, String actual) {
    super(message);
    this.node = node;
    this.atMs = atMs;
    this.expected = expected;
    this.actual = actual;
  }

  public String node() {
    return node;
  }

  /** The virtual instant, in ms from the run's start. */
  public long atMs() {
    return atMs;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
