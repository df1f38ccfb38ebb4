package dev.hasim.scenario.example;

import java.util.List;

/**
 * What the plug-in hands each beacon node when it is created: typed, read and validated once from the
 * scenario. (A model whose product has a configuration file keeps that file on the node's disk instead, with
 * {@code dev.hasim.scenario.kit.ConfigFile}, and reads it when the product would.)
 *
 * @param group the group's nodes in rank order
 * @param intervalMs time between beacons
 */
public record BeaconConfig(List<String> group, long intervalMs) {
  public BeaconConfig {
    group = List.copyOf(group);
  }
}
