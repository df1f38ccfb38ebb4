package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One Cisco IP phone (seeds 001 and 004). It takes an address from its DHCP server and renews it at half-life
 * (PH-2), registers with the first CCM of its list that answers (PRIMARY, SECONDARY, TERTIARY, then the SRST
 * gateway), exchanges keepalives with it and with a standby CCM, counts three missed keepalives in a row as a
 * lost connection, and falls back to a higher-priority CCM once it has answered for the fallback delay (PH-1).
 * An EMCC login moves it to its user's home cluster's CCM list (EMCC-1).
 *
 * <p>Pekko's matching behaviour with one chain over the wire's records, most frequent first: at 10,000 phones a
 * receive builder's case objects would cost a cache miss per keepalive (as IPFE's server, docs/performance.md).
 */
public final class Phone extends AbstractMatchingBehavior<Msg> {
  /** PH-2 (Model): a DHCP DISCOVER left unanswered is sent again after 4 s. */
  static final long DHCP_RETRY_MS = 4_000;
  static final String[] SLOT_NAMES = {"PRIMARY_CCM", "SECONDARY_CCM", "TERTIARY_CCM"};

  private enum Tick implements Msg { KEEPALIVE, REGISTER_TIMEOUT, RETRY_LIST, DHCP_RETRY, T1, T2, LEASE_EXPIRED,
    REBOOTED, CONFIG_TIMEOUT }

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Msg> timers;
  private final String self;
  private final PhoneConfig config;
  private CucmTiming timing;

  /** The CCM list in use (the home cluster's during an EMCC login) and the SRST gateway after it. */
  private List<String> list;
  private String srst;
  private String ip;
  private long leaseMs;

  /** Registered with (a CCM or the SRST gateway), or null. */
  private String active;
  private int activeIndex = -1;
  private boolean awaitingActive;
  private int missedActive;
  /** PH-1: the standby connection to the next CCM of the list, kept while registered with a CCM. */
  private String standby;
  private boolean awaitingStandby;
  private int missedStandby;
  /** Registration in progress: the entry asked, its index (list size: the SRST gateway). */
  private String candidate;
  private int candidateIndex = -1;
  /** The CCM this phone gave up as lost, skipped once on the next pass through the list. */
  private String skip;
  /** PH-1 fallback: higher-priority CCMs probed, and since when each has answered every probe. */
  private final Set<String> awaitingProbe = new HashSet<>();
  private final Map<String, Long> answeringSince = new LinkedHashMap<>();

  private int resets;
  private Long lastResetMs;
  /** EMCC-1: the user logged in and the home cluster, while logged in (or logging in). */
  private String emccUser;
  private String emccHome;
  private boolean keepaliveRunning;

  public static Behavior<Msg> create(NodeEnv env, PhoneConfig config) {
    return Behaviors.setup(ctx -> new Phone(ctx, env.timers(ctx), env, config));
  }

  private Phone(ActorContext<Msg> ctx, TimerScheduler<Msg> timers, NodeEnv env, PhoneConfig config) {
    super(ctx);
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.self = env.self();
    this.config = config;
    this.timing = config.timing();
    this.list = config.ccms();
    this.srst = config.srst();
    trace.role(CucmWords.PHONE, "PH-1");
    boot();
  }

  @Override
  public Behavior<Msg> onMessage(Msg message) {
    if (message == Tick.KEEPALIVE) {
      onKeepaliveTick();
    } else if (message instanceof Msg.KeepAliveAck ack) {
      onKeepAliveAck(ack);
    } else if (message instanceof Msg.RegisterAck ack) {
      onRegisterAck(ack);
    } else if (message == Tick.REGISTER_TIMEOUT) {
      onRegisterTimeout();
    } else if (message == Tick.RETRY_LIST) {
      beginRegistration("PH-1", "no entry of the list answered: trying it again from PRIMARY");
    } else if (message instanceof Msg.DhcpAck ack) {
      onDhcpAck(ack);
    } else if (message instanceof Msg.DhcpNak nak) {
      onDhcpNak(nak);
    } else if (message == Tick.T1) {
      renew(false);
    } else if (message == Tick.T2) {
      renew(true);
    } else if (message == Tick.LEASE_EXPIRED) {
      onLeaseExpired();
    } else if (message == Tick.DHCP_RETRY) {
      discover();
    } else if (message == Tick.REBOOTED) {
      boot();
    } else if (message == Msg.Reset.INSTANCE) {
      reset("PH-2", "reset by the operator", "operator reset");
    } else if (message instanceof Msg.EmccLoginCommand login) {
      onEmccLoginCommand(login);
    } else if (message instanceof Msg.EmccResult result) {
      onEmccResult(result);
    } else if (message instanceof Msg.ConfigFile file) {
      onConfigFile(file);
    } else if (message == Tick.CONFIG_TIMEOUT) {
      emccFailed("no configuration file from the home TFTP server: GHTTP-http get failed");
    } else if (message instanceof Msg.EmccLogout logout) {
      onEmccLogout(logout);
    } else if (message instanceof Msg.SetParam param) {
      onSetParam(param);
    } else if (message == Msg.Shutdown.INSTANCE) {
      if (active != null) {
        env.send(active, new Msg.Unregister(self));
      }
      return Behaviors.stopped();
    }
    return this;
  }

  // ---- Boot and DHCP (PH-2) -----------------------------------------------------------------------------

  private void boot() {
    if (config.dhcpServer() == null) {
      ip = "static";
      beginRegistration("PH-1", "started with a static address: registering with its CCM list " + list
          + (srst == null ? "" : ", then SRST " + srst));
      return;
    }
    trace.state(CucmWords.DHCP_WAIT, "PH-2");
    log("NOT", "PH-2", "DHCP: Restart - delay = 0");
    discover();
  }

  private void discover() {
    log("NOT", "PH-2", "DHCP: Sending Discover...");
    env.send(config.dhcpServer(), new Msg.DhcpDiscover(self));
    timers.startSingleTimer(Tick.DHCP_RETRY, Tick.DHCP_RETRY, Duration.ofMillis(DHCP_RETRY_MS));
  }

  private void onDhcpAck(Msg.DhcpAck ack) {
    boolean fresh = ip == null;
    timers.cancel(Tick.DHCP_RETRY);
    ip = ack.ip();
    leaseMs = ack.leaseMs();
    trace.view(CucmWords.IP_VIEW, ip);
    log("NOT", "PH-2", "DHCP: ACK received, IP = " + ip + ", lease = " + leaseMs / 1000 + " s");
    timers.startSingleTimer(Tick.T1, Tick.T1, Duration.ofMillis(leaseMs / 2));
    timers.startSingleTimer(Tick.T2, Tick.T2, Duration.ofMillis(leaseMs * 7 / 8));
    timers.startSingleTimer(Tick.LEASE_EXPIRED, Tick.LEASE_EXPIRED, Duration.ofMillis(leaseMs));
    if (fresh) {
      trace.decision("PH-2", "bound " + ip + " from " + ack.from() + " for " + leaseMs / 1000 + " s: renews at "
          + "half-life (T1 " + leaseMs / 2000 + " s), rebinds at 7/8 (T2 " + leaseMs * 7 / 8000 + " s)");
      beginRegistration("PH-1", "address bound: registering with its CCM list " + list
          + (srst == null ? "" : ", then SRST " + srst));
    } else {
      trace.decision("PH-2", "lease renewed by " + ack.from() + ": keeps " + ip);
    }
  }

  /** PH-2: at half-life (T1) the phone asks to renew; at 7/8 (T2) it asks again, rebinding. */
  private void renew(boolean rebinding) {
    if (ip == null) {
      return;
    }
    log("NOT", "PH-2", "DHCP: Sending Request..." + (rebinding ? " (rebinding, T2)" : " (renewing, T1 half-life)"));
    env.send(config.dhcpServer(), new Msg.DhcpRequest(self, ip, rebinding));
  }

  /** PH-2 (Seed): "If DHCP server explicitly refused the renew, DHCP client has to release the IP." */
  private void onDhcpNak(Msg.DhcpNak nak) {
    if (ip == null) {
      return;
    }
    log("NOT", "PH-2", "DHCP: NAK received");
    log("NOT", "PH-2", "DHCP: clear info - IP =, state = 2");
    reset("PH-2", nak.from() + " refused to renew the lease (NAK): the phone releases " + ip + " and resets",
        "DHCP NAK");
  }

  private void onLeaseExpired() {
    log("ERR", "PH-2", "DHCP: lease expired, no answer from " + config.dhcpServer());
    log("NOT", "PH-2", "DHCP: clear info - IP =, state = 2");
    reset("PH-2", "lease expired without an answer from " + config.dhcpServer() + " at T1 or T2: the phone "
        + "releases " + ip + " and resets", "lease expired");
  }

  /**
   * PH-2 (Seed): "Reset usually happens when IP address on the phone was lost. In that case, the phone need to
   * go through a reset process to acquire a new IP address" — not a re-registration: everything starts again.
   */
  private void reset(String rule, String why, String reason) {
    resets++;
    Long period = lastResetMs == null ? null : env.nowMs() - lastResetMs;
    lastResetMs = env.nowMs();
    trace.decision(rule, why, "reset", resets);
    trace.view(CucmWords.RESETS_VIEW, resets + " (" + reason + ")");
    if (period != null) {
      trace.view(CucmWords.RESET_PERIOD_VIEW, period);
    }
    if (active != null) {
      env.send(active, new Msg.Unregister(self));
    }
    if (ip != null && config.dhcpServer() != null) {
      log("NOT", "PH-2", "DHCP: Sending Release...");
      env.send(config.dhcpServer(), new Msg.DhcpRelease(self, ip));
    }
    for (Tick tick : Tick.values()) {
      timers.cancel(tick);
    }
    keepaliveRunning = false;
    ip = null;
    trace.view(CucmWords.IP_VIEW, null);
    dropConnections();
    trace.state(CucmWords.RESETTING, rule);
    timers.startSingleTimer(Tick.REBOOTED, Tick.REBOOTED, Duration.ofMillis(timing.resetDelayMs()));
  }

  // ---- Registration and keepalives (PH-1) -------------------------------------------------------------

  private void beginRegistration(String rule, String why) {
    trace.decision(rule, why);
    trace.view(CucmWords.LIST_VIEW, String.join(", ", list) + (srst == null ? "" : ", SRST " + srst));
    tryEntry(0);
  }

  /** Asks entry {@code index} of the list (the SRST gateway after the CCMs) to register this phone. */
  private void tryEntry(int index) {
    while (index < list.size() && list.get(index).equals(skip)) {
      index++;
    }
    skip = null;
    trace.state(CucmWords.REGISTERING, "PH-1");
    if (index < list.size() || (index == list.size() && srst != null)) {
      candidateIndex = index;
      candidate = index < list.size() ? list.get(index) : srst;
      env.send(candidate, new Msg.Register(self));
      timers.startSingleTimer(Tick.REGISTER_TIMEOUT, Tick.REGISTER_TIMEOUT, Duration.ofMillis(timing.registerTimeoutMs()));
    } else {
      candidate = null;
      candidateIndex = -1;
      trace.decision("PH-1", "no CCM of " + list + (srst == null ? "" : " nor SRST " + srst) + " answered: "
          + "unregistered, trying again in " + timing.keepaliveMs() / 1000 + " s");
      trace.state(CucmWords.UNREGISTERED, "PH-1");
      timers.startSingleTimer(Tick.RETRY_LIST, Tick.RETRY_LIST, Duration.ofMillis(timing.keepaliveMs()));
    }
    startKeepalives();
  }

  private void onRegisterTimeout() {
    if (candidate == null) {
      return;
    }
    if (active != null) {
      trace.decision("PH-1", "fallback: " + slot(candidateIndex) + " " + candidate + " did not answer the "
          + "registration in " + timing.registerTimeoutMs() / 1000 + " s; staying with " + active);
      answeringSince.remove(candidate);
      candidate = null;
      candidateIndex = -1;
      return;
    }
    trace.decision("PH-1", slot(candidateIndex) + " " + candidate + " did not answer the registration in "
        + timing.registerTimeoutMs() / 1000 + " s: trying the next entry of the list");
    tryEntry(candidateIndex + 1);
  }

  private void onRegisterAck(Msg.RegisterAck ack) {
    if (!ack.from().equals(candidate)) {
      if (!ack.from().equals(active)) {
        env.send(ack.from(), new Msg.Unregister(self)); // a late answer to a registration given up
      }
      return;
    }
    timers.cancel(Tick.REGISTER_TIMEOUT);
    timers.cancel(Tick.RETRY_LIST);
    String previous = active;
    if (previous != null && !previous.equals(ack.from())) {
      env.send(previous, new Msg.Unregister(self));
    }
    active = candidate;
    activeIndex = candidateIndex;
    candidate = null;
    candidateIndex = -1;
    awaitingActive = false;
    missedActive = 0;
    boolean inSrst = activeIndex == list.size();
    trace.view(CucmWords.CCM_VIEW, active);
    if (inSrst) {
      trace.decision("PH-1", "registered with SRST gateway " + active + ": limited service until a CCM of " + list
          + " answers for " + timing.fallbackDelayMs() / 1000 + " s", "ccm", active);
      trace.state(CucmWords.LIMITED, "PH-1");
    } else {
      trace.decision("PH-1", "registered with " + slot(activeIndex) + " " + active
          + (previous == null ? "" : " (was " + previous + ")"), "ccm", active);
      trace.state(CucmWords.REGISTERED, "PH-1");
    }
    String next = inSrst || activeIndex + 1 >= list.size() ? null : list.get(activeIndex + 1);
    if (next == null || !next.equals(standby)) {
      standby = next;
      awaitingStandby = false;
      missedStandby = 0;
      trace.view(CucmWords.STANDBY_VIEW, standby);
    }
    awaitingProbe.removeIf(c -> list.indexOf(c) >= activeIndex);
    answeringSince.keySet().removeIf(c -> list.indexOf(c) >= activeIndex);
  }

  private void startKeepalives() {
    if (!keepaliveRunning) {
      keepaliveRunning = true;
      timers.startTimerAtFixedRate(Tick.KEEPALIVE, Tick.KEEPALIVE, Duration.ofMillis(timing.keepaliveMs()));
    }
  }

  /** PH-1: one keepalive on each connection per interval; three unanswered in a row: the connection is lost. */
  private void onKeepaliveTick() {
    if (active != null) {
      missedActive = awaitingActive ? missedActive + 1 : 0;
      if (missedActive >= timing.missedKeepalives()) {
        connectionLost();
      } else {
        awaitingActive = true;
        env.send(active, new Msg.KeepAlive(self, true));
      }
    }
    // never a standby keepalive or a probe to the CCM being asked to register: it would read it as "registered
    // elsewhere" and drop the registration it is granting
    if (standby != null && !standby.equals(candidate)) {
      missedStandby = awaitingStandby ? missedStandby + 1 : 0;
      awaitingStandby = true;
      env.send(standby, new Msg.KeepAlive(self, false));
    }
    if (active != null && activeIndex > 0) {
      for (int i = 0; i < Math.min(activeIndex, list.size()); i++) {
        String ccm = list.get(i);
        if (ccm.equals(candidate)) {
          continue;
        }
        if (!awaitingProbe.add(ccm)) {
          answeringSince.remove(ccm); // the last probe went unanswered
        }
        env.send(ccm, new Msg.KeepAlive(self, false));
      }
    }
  }

  private void onKeepAliveAck(Msg.KeepAliveAck ack) {
    String from = ack.from();
    if (from.equals(active)) {
      awaitingActive = false;
      missedActive = 0;
      if (!ack.registered()) {
        String lost = active;
        active = null;
        activeIndex = -1;
        trace.view(CucmWords.CCM_VIEW, null);
        beginRegistration("PH-1", lost + " no longer holds this phone's registration (it restarted): registering "
            + "again from PRIMARY");
      }
      return;
    }
    if (from.equals(standby)) {
      awaitingStandby = false;
      missedStandby = 0;
    }
    if (awaitingProbe.remove(from)) {
      answeringSince.putIfAbsent(from, env.nowMs());
      considerFallback();
    }
  }

  /** PH-1: back to the highest-priority CCM that has answered every probe for the fallback delay. */
  private void considerFallback() {
    if (active == null || candidate != null) {
      return;
    }
    for (int i = 0; i < Math.min(activeIndex, list.size()); i++) {
      Long since = answeringSince.get(list.get(i));
      if (since != null && env.nowMs() - since >= timing.fallbackDelayMs()) {
        trace.decision("PH-1", slot(i) + " " + list.get(i) + " has answered for " + (env.nowMs() - since) / 1000
            + " s (fallback delay " + timing.fallbackDelayMs() / 1000 + " s): falling back to it from " + active);
        candidate = list.get(i);
        candidateIndex = i;
        env.send(candidate, new Msg.Register(self));
        timers.startSingleTimer(Tick.REGISTER_TIMEOUT, Tick.REGISTER_TIMEOUT,
            Duration.ofMillis(timing.registerTimeoutMs()));
        return;
      }
    }
  }

  /** PH-1 (Seed): "the phone lost three keepalives from CUCM in a row" — it re-registers down its list. */
  private void connectionLost() {
    String lost = active;
    String where = activeIndex == list.size() ? "SRST gateway" : slot(activeIndex);
    active = null;
    activeIndex = -1;
    awaitingActive = false;
    missedActive = 0;
    trace.view(CucmWords.CCM_VIEW, null);
    boolean standbyAlive = standby != null && missedStandby == 0;
    String why = timing.missedKeepalives() + " keepalives in a row unanswered by " + where + " " + lost
        + ": connection lost";
    if (standbyAlive) {
      trace.decision("PH-1", why + "; the standby connection to " + standby + " answers: registering with it");
      int index = list.indexOf(standby);
      trace.state(CucmWords.REGISTERING, "PH-1");
      candidate = standby;
      candidateIndex = index;
      env.send(candidate, new Msg.Register(self));
      timers.startSingleTimer(Tick.REGISTER_TIMEOUT, Tick.REGISTER_TIMEOUT, Duration.ofMillis(timing.registerTimeoutMs()));
    } else {
      trace.decision("PH-1", why + (standby == null ? "" : "; the standby " + standby + " is silent too")
          + ": registering down the list " + list + (srst == null ? "" : " then SRST " + srst));
      skip = lost;
      tryEntry(0);
    }
  }

  private void dropConnections() {
    active = null;
    activeIndex = -1;
    candidate = null;
    candidateIndex = -1;
    awaitingActive = false;
    missedActive = 0;
    standby = null;
    awaitingStandby = false;
    missedStandby = 0;
    awaitingProbe.clear();
    answeringSince.clear();
    trace.view(CucmWords.CCM_VIEW, null);
    trace.view(CucmWords.STANDBY_VIEW, null);
  }

  private void onSetParam(Msg.SetParam param) {
    if (param.keepaliveMs() != null) {
      timing = timing.withKeepalive(param.keepaliveMs());
      if (keepaliveRunning) {
        timers.startTimerAtFixedRate(Tick.KEEPALIVE, Tick.KEEPALIVE, Duration.ofMillis(timing.keepaliveMs()));
      }
    }
    if (param.fallbackDelayMs() != null) {
      timing = timing.withFallbackDelay(param.fallbackDelayMs());
    }
    trace.decision("PH-1", "new timers from the configuration: keepalive every " + timing.keepaliveMs() / 1000
        + " s, fallback delay " + timing.fallbackDelayMs() / 1000 + " s");
  }

  // ---- EMCC-1 (the phone's side) -----------------------------------------------------------------------

  private void onEmccLoginCommand(Msg.EmccLoginCommand login) {
    if (active == null || activeIndex >= list.size()) {
      trace.decision("EMCC-1", "EMCC login of " + login.user() + " not possible: the phone is not registered with "
          + "a CCM of its cluster");
      return;
    }
    emccUser = login.user();
    trace.decision("EMCC-1", "user " + login.user() + " logs in through the EMCC service of " + config.emService());
    env.send(config.emService(), new Msg.EmAppRequest(self, login.user()));
  }

  private void onEmccResult(Msg.EmccResult result) {
    if (result.failure() != null) {
      emccFailed(result.failure());
      return;
    }
    emccHome = result.home();
    log("WRN", "EMCC-1", "JAVA-configmgr MQThread|DisplayTask:? - EMCC mode changed to true");
    log("NOT", "EMCC-1", "JAVA-configmgr MQThread|cip.cfg.Config: - [commitEMCCProperties] to notify sipcc of "
        + "EMCC:enabled");
    log("NOT", "EMCC-1", "downd-SETTFTP [339] emcc_mode =1, override =0, tempTftp1= " + result.homeTftp()
        + ", tempTftp2 = , tempTftp3 = , tempTftp4 =");
    log("NOT", "EMCC-1", "JAVA-configmgr MQThread|cip.cfg.SipConfig:? - Requesting CONFIG file: " + self
        + ".cnf.xml from TFTP Service(1)");
    env.send(result.homeTftp(), new Msg.ConfigRequest(self));
    timers.startSingleTimer(Tick.CONFIG_TIMEOUT, Tick.CONFIG_TIMEOUT, Duration.ofMillis(timing.emccTimeoutMs()));
  }

  private void onConfigFile(Msg.ConfigFile file) {
    timers.cancel(Tick.CONFIG_TIMEOUT);
    if (emccUser == null) {
      return;
    }
    log("NOT", "EMCC-1", "GHTTP-hdr->HTTP/1.1 200 OK");
    for (int i = 0; i < SLOT_NAMES.length; i++) {
      if (i < file.ccms().size()) {
        log("DEB", "EMCC-1", "JAVA-SIPCC-SIP_TRANS: sipTransportCfgTableInit: For " + SLOT_NAMES[i] + ": "
            + file.ccms().get(i) + " Port: 5060");
      } else {
        log("NOT", "EMCC-1", "JAVA-SIP : sip_transport_init_ti_addrs : Admin has not configured a valid cucm for "
            + "cucm index=" + SLOT_NAMES[i] + "=" + (i + 1) + ".");
      }
    }
    log("NOT", "EMCC-1", "JAVA-SIP : sip_transport_init_ti_addrs : Admin has not configured a valid cucm for cucm "
        + "index=SRST_CCM=4.");
    if (active != null) {
      log("NOT", "EMCC-1", "JAVA-SIPCC-UI_API: ui_update_registration_state_all_lines: *****ALL LINES "
          + "UN-REGISTERED*****");
      env.send(active, new Msg.Unregister(self));
    }
    dropConnections();
    list = List.copyOf(file.ccms());
    srst = null;
    trace.view(CucmWords.EMCC_VIEW, emccUser + "@" + file.cluster());
    beginRegistration("EMCC-1", emccUser + " logged in: configuration downloaded from the home cluster "
        + file.cluster() + "'s TFTP " + file.from() + "; registering with the home cluster's CCM list " + list);
  }

  private void emccFailed(String why) {
    trace.decision("EMCC-1", "EMCC login of " + emccUser + " failed: " + why + "; the phone stays with its own "
        + "cluster " + config.cluster(), "failure", why);
    emccUser = null;
    emccHome = null;
  }

  private void onEmccLogout(Msg.EmccLogout logout) {
    if (emccUser == null || !emccUser.equals(logout.user())) {
      return;
    }
    if (active != null) {
      env.send(active, new Msg.Unregister(self));
    }
    dropConnections();
    list = config.ccms();
    srst = config.srst();
    trace.view(CucmWords.EMCC_VIEW, null);
    String user = emccUser;
    emccUser = null;
    emccHome = null;
    beginRegistration("EMCC-1", "the home cluster " + logout.from() + " logged " + user + " out (auto-logout): "
        + "back to its own cluster's CCM list " + list);
  }

  // ---- Helpers -----------------------------------------------------------------------------------------

  private String slot(int index) {
    if (index >= list.size()) {
      return "SRST gateway";
    }
    return index < SLOT_NAMES.length ? SLOT_NAMES[index].replace("_CCM", "") : "CCM " + (index + 1);
  }

  private void log(String level, String rule, String message) {
    trace.log(level, rule, message);
  }

}
