package dev.hasim.cluster;

/** The cluster could not start or could not finish; the message is one sentence for the user. */
public final class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
