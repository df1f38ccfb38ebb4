package dev.hasim.cucm;

import java.util.List;

/**
 * One phone's configuration, validated by the plug-in.
 *
 * @param cluster its own cluster (the visiting one when an EMCC user logs in)
 * @param ccms its CCM list, PRIMARY first (PH-1)
 * @param srst its SRST gateway, the last resort of the list, or null
 * @param dhcpServer its DHCP server (PH-2), or null for a static address
 * @param emService the node whose EMApp/EMCC service and TFTP the phone uses (its cluster's publisher)
 * @param leaseMs its DHCP lease time (PH-2)
 */
public record PhoneConfig(String cluster, List<String> ccms, String srst, String dhcpServer, String emService,
    long leaseMs, CucmTiming timing) {}
