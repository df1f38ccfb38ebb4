package dev.hasim.cucm;

import dev.hasim.scenario.spi.Vocabulary;
import java.util.List;

/**
 * The CUCM model's words on the trace and how the report shows them: node roles, the phone states of PH-1 and
 * PH-2 (SRST's limited service and a reset are the abnormal ones), the NTP states of PH-3, and two attributes:
 * the number of phones a CCM or SRST gateway holds (its lane is the aggregated "phones per CCM" view) and an
 * NTP stratum.
 */
public final class CucmWords {
  public static final String PUBLISHER = "PUBLISHER";
  public static final String SUBSCRIBER = "SUBSCRIBER";
  public static final String SRST = "SRST";
  public static final String PHONE = "PHONE";
  public static final String DHCP = "DHCP";
  public static final String NTP = "NTP";

  /** Phone states. */
  public static final String REGISTERING = "REGISTERING";
  public static final String REGISTERED = "REGISTERED";
  /** PH-1: registered with the SRST gateway: limited service. */
  public static final String LIMITED = "SRST_LIMITED";
  public static final String UNREGISTERED = "UNREGISTERED";
  /** PH-2: released its address and reboots. */
  public static final String RESETTING = "RESETTING";
  public static final String DHCP_WAIT = "DHCP";

  /** CUCM node states (PH-3). */
  public static final String SYNCHRONISED = "SYNCHRONISED";
  public static final String UNSYNCHRONISED = "UNSYNCHRONISED";
  /** PH-3: a publisher without NTP servers runs on its internal clock (stratum 10). */
  public static final String LOCAL_CLOCK = "LOCAL_CLOCK";

  /** Attribute: phones a CCM or SRST gateway holds registered (a perfmon counter, refreshed once a second). */
  public static final String REGISTERED_PHONES = "phones";
  /**
   * Attribute: Register requests a CCM or SRST gateway has accepted since it started, published with the
   * registered-phones counter. The at-most-one invariant restarts its grace at one whose phone then does not
   * say it is registered there (PH-1).
   */
  public static final String REGISTRATIONS_ACCEPTED = "registrations";
  /** Attribute: the phone whose Register a CCM or SRST gateway accepted last, published with the counter. */
  public static final String LAST_REGISTERED = "last_registered";
  /** Attribute: a node's NTP stratum (null while unsynchronised). */
  public static final String STRATUM = "stratum";

  /** Views. */
  public static final String CCM_VIEW = "ccm";
  /** A phone's CCM list in use (PRIMARY, SECONDARY, TERTIARY, then SRST): the home cluster's after EMCC. */
  public static final String LIST_VIEW = "ccm_list";
  public static final String STANDBY_VIEW = "standby";
  public static final String IP_VIEW = "ip";
  public static final String RESETS_VIEW = "resets";
  public static final String RESET_PERIOD_VIEW = "reset_period";
  public static final String NTP_VIEW = "ntp";
  /** The remote lines of {@code utils ntp status}. */
  public static final String NTP_PEERS_VIEW = "ntp_peers";
  public static final String EMCC_VIEW = "emcc";

  static final Vocabulary VOCABULARY = new Vocabulary(
      Vocabulary.colours(PUBLISHER, "#1d4ed8", SUBSCRIBER, "#2563eb", SRST, "#b45309", PHONE, "#0d9488",
          DHCP, "#6b7280", NTP, "#7c3aed"),
      Vocabulary.colours(LIMITED, "#f59e0b", UNREGISTERED, "#dc2626", RESETTING, "#a855f7",
          UNSYNCHRONISED, "#f97316"),
      List.of(new Vocabulary.Attribute(REGISTERED_PHONES, "phones ", "registered phones"),
          new Vocabulary.Attribute(STRATUM, "stratum ", "stratum")),
      List.of(),
      null);

  private CucmWords() {}
}
