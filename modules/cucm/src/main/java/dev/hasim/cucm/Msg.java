package dev.hasim.cucm;

import java.util.List;

/**
 * The wire of the CUCM model: every message a phone, a CUCM node, an SRST gateway, a DHCP server or an NTP
 * source sends or is told, as records. One protocol for the model because its actors talk across kinds (a
 * phone registers with a CCM or an SRST gateway alike); each actor answers its part and ignores the rest.
 */
public interface Msg {
  // ---- PH-1: registration and keepalives (phone ↔ CCM or SRST gateway) ----------------------------------

  /** A phone asks to register (SCCP RegisterReq / SIP REGISTER). */
  record Register(String phone) implements Msg {}

  record RegisterAck(String from) implements Msg {}

  /** The phone leaves this CCM for another (fallback, EMCC) or resets. */
  record Unregister(String phone) implements Msg {}

  /**
   * PH-1: a keepalive on one TCP connection: to the CCM the phone is registered with, to its standby CCM, or
   * a probe of a higher-priority CCM it may fall back to. {@code active}: sent on the connection the phone is
   * registered on; only those keep a registration alive, and a standby keepalive or a probe tells a CCM that
   * still holds the phone that the phone is registered elsewhere.
   */
  record KeepAlive(String phone, boolean active) implements Msg {}

  /** {@code registered}: whether the answering CCM holds the phone's registration. */
  record KeepAliveAck(String from, boolean registered) implements Msg {}

  /** Intra-cluster: a CCM took the phone's registration; the others drop theirs. */
  record DeviceRegistered(String phone, String ccm) implements Msg {}

  // ---- PH-2: DHCP --------------------------------------------------------------------------------------

  record DhcpDiscover(String phone) implements Msg {}

  /** {@code rebinding}: sent at T2 (7/8 of the lease) rather than at T1 (half-life). */
  record DhcpRequest(String phone, String ip, boolean rebinding) implements Msg {}

  record DhcpAck(String from, String ip, long leaseMs) implements Msg {}

  record DhcpNak(String from) implements Msg {}

  record DhcpRelease(String phone, String ip) implements Msg {}

  // ---- PH-3: NTP --------------------------------------------------------------------------------------

  /** NTP mode 3 (client): {@code stratum} is the client's own, as the seed's capture shows it. */
  record NtpQuery(String from, Integer stratum) implements Msg {}

  /** NTP mode 4 (server): {@code stratum} null when the server is not synchronised. */
  record NtpReply(String from, Integer stratum) implements Msg {}

  // ---- EMCC-1 ----------------------------------------------------------------------------------------

  /** The phone's EMCC service (EMAppServlet) on its visiting cluster, with the user id typed in. */
  record EmAppRequest(String phone, String user) implements Msg {}

  record EmccCheckUser(String from, String fromCluster, int request, String user, String phone) implements Msg {}

  record EmccCheckUserReply(String from, String cluster, int request, String user, String profile) implements Msg {}

  record EmccLogin(String from, String fromCluster, int request, String user, String phone) implements Msg {}

  record EmccLoginReply(String from, String cluster, int request, String user, List<String> ccms) implements Msg {}

  /** The visiting cluster's answer to the phone: logged in (home, its TFTP, its CCM list) or why not. */
  record EmccResult(String from, String user, String home, String homeTftp, String failure) implements Msg {}

  /** The phone asks its (home) TFTP server for its configuration file. */
  record ConfigRequest(String phone) implements Msg {}

  record ConfigFile(String from, String cluster, List<String> ccms) implements Msg {}

  /** The home cluster's auto-logout timer ran out (EMCC-1's logout scheduler). */
  record EmccLogout(String from, String user) implements Msg {}

  // ---- Operator commands (straight to the process) ----------------------------------------------------

  enum Reset implements Msg { INSTANCE }

  record EmccLoginCommand(String user) implements Msg {}

  /** {@code set_param}: null leaves a timer as it is. */
  record SetParam(Long keepaliveMs, Long fallbackDelayMs) implements Msg {}

  record DhcpNakMode(boolean nak) implements Msg {}

  record SetStratum(int stratum) implements Msg {}

  /** Graceful shutdown of any node of the model. */
  enum Shutdown implements Msg { INSTANCE }
}
