package dev.hasim.cucm;

import java.util.List;
import java.util.Map;

/**
 * One CUCM node's configuration.
 *
 * @param peers the cluster's other CUCM nodes (intra-cluster registration news, PH-1)
 * @param publisher the cluster's publisher: this node's NTP source if it is a subscriber (PH-3)
 * @param ntpServers the publisher's NTP servers; empty: its internal clock (PH-3);
 *     null: NTP is not modelled in this cluster
 * @param remoteClusters EMCC-1: the other clusters of the EMCC cluster view, name → publisher (EMCC service)
 */
public record CcmConfig(Cluster cluster, boolean isPublisher, List<String> peers, String publisher,
    List<String> ntpServers, Map<String, String> remoteClusters, CucmTiming timing) {}
