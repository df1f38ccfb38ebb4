package dev.hasim.cluster;

/**
 * Marks the messages that cross JVMs. hasim-cluster.conf binds it to Jackson CBOR, so a job, a result or an
 * acknowledgement is never Java-serialized; a message without it cannot leave its JVM.
 */
public interface ClusterMessage {}
