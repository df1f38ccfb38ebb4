package dev.hasim.cwm;

import dev.hasim.scenario.kit.ConfigFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One gateway's {@code CWMGateway.conf} (CWM-23): one {@code Key value…} per line, {@code #} comments.
 *
 * @param domainGatewayList the hosts of the domain, this one included (CWM-1)
 * @param forcedSwitchOver the Secondary to hand the Primary role to on USR2, or null (CWM-15)
 * @param heartBeatIntervalS seconds between heartbeats (CWM-10)
 * @param autoSwitchOver SP1_AutoSwitchOver, ON by default (CWM-13)
 * @param primaryRestartIntervalS how long SP1 waits for a silent Primary, 15 s by default (CWM-14)
 */
public record CwmConf(List<String> domainGatewayList, String forcedSwitchOver, int heartBeatIntervalS,
    boolean autoSwitchOver, int primaryRestartIntervalS) {

  public static final String FILE_NAME = "CWMGateway.conf";
  /** The file on each gateway's disk: the one copy of its configuration. */
  public static final ConfigFile FILE = new ConfigFile(FILE_NAME);

  /** HeartBeatInterval when the file does not set it: the seed's example value (Model). */
  public static final int DEFAULT_HEARTBEAT_S = 20;
  public static final int DEFAULT_PRIMARY_RESTART_S = 15;
  static final int MAX_SECONDS = 86_400;

  public long heartbeatMs() {
    return heartBeatIntervalS * 1000L;
  }

  /** CWM-10 (Model): two consecutive heartbeats missed, plus half an interval for delivery. */
  public long silenceTimeoutMs() {
    return 2 * heartbeatMs() + heartbeatMs() / 2;
  }

  /** The file on {@code disk}, parsed for {@code host}: what a gateway reads at start and on HUP, USR1, USR2. */
  static CwmConf read(Map<String, Object> disk, String host) throws ConfException {
    return parse(FILE.text(disk), host);
  }

  /** A problem on one line of the file; {@code line} counts from 0 within the text. */
  public static final class ConfException extends Exception {
    public final int line;

    ConfException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** The file's lines as key → (line index, values), in file order; later lines override earlier ones. */
  static Map<String, Entry> lines(String text) throws ConfException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String key = words[0];
      if (!KEYS.contains(key)) {
        throw new ConfException(i, "unknown CWMGateway.conf key '" + key + "'; expected one of " + KEYS + " (CWM-23)");
      }
      List<String> values = new ArrayList<>(List.of(words).subList(1, words.length));
      entries.put(key, new Entry(i, values));
    }
    return entries;
  }

  record Entry(int line, List<String> values) {}

  static final List<String> KEYS = List.of("DomainGatewayList", "ForcedSwitchOver", "HeartBeatInterval",
      "SP1_AutoSwitchOver", "PrimaryRestartInterval");

  /** Parses the text of one gateway's file (the domain's text with the host's overrides applied). */
  public static CwmConf parse(String text, String self) throws ConfException {
    Map<String, Entry> entries = lines(text);
    List<String> list = new ArrayList<>();
    if (entries.containsKey("DomainGatewayList")) {
      Entry e = entries.get("DomainGatewayList");
      for (String host : e.values()) {
        if (list.contains(host)) {
          throw new ConfException(e.line(), "DomainGatewayList names " + host + " twice");
        }
        list.add(host);
      }
      if (list.isEmpty()) {
        throw new ConfException(e.line(), "DomainGatewayList needs at least one host name");
      }
    }
    if (!list.contains(self)) {
      list.add(0, self); // a workstation alone in its domain need not list itself (seed: "you do not have to")
    }
    String forced = null;
    if (entries.containsKey("ForcedSwitchOver")) {
      Entry e = entries.get("ForcedSwitchOver");
      if (e.values().size() > 1) {
        throw new ConfException(e.line(), "ForcedSwitchOver takes one host name");
      }
      forced = e.values().isEmpty() ? null : e.values().get(0);
    }
    int heartbeat = seconds(entries.get("HeartBeatInterval"), "HeartBeatInterval", DEFAULT_HEARTBEAT_S);
    int restart = seconds(entries.get("PrimaryRestartInterval"), "PrimaryRestartInterval", DEFAULT_PRIMARY_RESTART_S);
    boolean auto = true;
    if (entries.containsKey("SP1_AutoSwitchOver")) {
      Entry e = entries.get("SP1_AutoSwitchOver");
      String value = e.values().size() == 1 ? e.values().get(0).toUpperCase(Locale.ROOT) : "";
      if (!value.equals("ON") && !value.equals("OFF")) {
        throw new ConfException(e.line(), "SP1_AutoSwitchOver must be ON or OFF");
      }
      auto = value.equals("ON");
    }
    return new CwmConf(List.copyOf(list), forced, heartbeat, auto, restart);
  }

  private static int seconds(Entry e, String key, int fallback) throws ConfException {
    if (e == null) {
      return fallback;
    }
    if (e.values().size() != 1 || !e.values().get(0).matches("\\d{1,6}")) {
      throw new ConfException(e.line(), key + " takes a whole number of seconds");
    }
    int value = Integer.parseInt(e.values().get(0));
    if (value < 1 || value > MAX_SECONDS) {
      throw new ConfException(e.line(), key + " must be between 1 and " + MAX_SECONDS + " seconds");
    }
    return value;
  }

  /** The text with one {@code Key value} line set: replaces the key's line, or appends it. */
  public static String withLine(String text, String line) {
    String key = line.strip().split("\\s+")[0];
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (String existing : text.split("\n", -1)) {
      String code = existing.contains("#") ? existing.substring(0, existing.indexOf('#')) : existing;
      String[] words = code.strip().split("\\s+");
      if (!replaced && words.length > 0 && words[0].equals(key)) {
        out.add(line.strip());
        replaced = true;
      } else {
        out.add(existing);
      }
    }
    String joined = String.join("\n", out);
    if (!replaced) {
      joined = (joined.isEmpty() || joined.endsWith("\n") ? joined : joined + "\n") + line.strip() + "\n";
    }
    return joined;
  }
}
