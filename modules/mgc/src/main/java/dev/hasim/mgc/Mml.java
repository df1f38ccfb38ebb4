package dev.hasim.mgc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MML commands POM answers (MGC-12), parsed from the text an operator types, e.g.
 * {@code prov-sta::srcver="active",dstver="pom-test8"} or {@code set-log:pom-01:debug,confirm}.
 */
public final class Mml {
  private Mml() {}

  public enum Verb {
    PROV_STA("prov-sta"), PROV_CPY("prov-cpy"), PROV_DPLY("prov-dply"), PROV_SYNC("prov-sync"),
    PROV_STP("prov-stp"), RTRV_NE("rtrv-ne"), SET_LOG("set-log"),
    /** MGC-7 (*Model*): the operator's switchover; the seed names none, the PGW 2200 MML reference offers this. */
    SW_OVER("sw-over");

    public final String text;

    Verb(String text) {
      this.text = text;
    }

    /** As MML echoes it in answers: {@code "PROV-SYNC"}. */
    public String echo() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  /** A parsed command; {@code params} holds prov-sta's srcver/dstver or set-log's process and level. */
  public record Command(Verb verb, Map<String, String> params, String text) {}

  public static final class MmlException extends Exception {
    MmlException(String message) {
      super(message);
    }
  }

  private static final Pattern PARAM = Pattern.compile("([a-z]+)=\"?([^\",]*)\"?");

  public static Command parse(String text) throws MmlException {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    for (Verb verb : Verb.values()) {
      if (!lower.equals(verb.text) && !lower.startsWith(verb.text + ":")) {
        continue;
      }
      String rest = t.substring(verb.text.length());
      Map<String, String> params = new LinkedHashMap<>();
      switch (verb) {
        case PROV_STA: {
          if (!rest.startsWith("::")) {
            throw new MmlException("prov-sta takes parameters after '::', e.g. prov-sta::srcver=\"active\",dstver=\"pomtest8\"");
          }
          Matcher m = PARAM.matcher(rest.substring(2));
          while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
          }
          if (!params.containsKey("srcver") || !params.containsKey("dstver")) {
            throw new MmlException("prov-sta needs srcver and dstver, e.g. prov-sta::srcver=\"active\",dstver=\"pomtest8\"");
          }
          break;
        }
        case SET_LOG: {
          String[] parts = rest.replaceFirst("^:", "").split(":");
          if (parts.length != 2 || parts[0].isBlank()) {
            throw new MmlException("set-log takes a process and a level, e.g. set-log:pom-01:debug,confirm");
          }
          String level = parts[1].replaceFirst(",confirm$", "");
          if (LogLevel.parse(level) == null) {
            throw new MmlException("set-log level is one of " + LogLevel.NAMES + ", not '" + level + "'");
          }
          params.put("process", parts[0].toLowerCase(Locale.ROOT));
          params.put("level", level.toLowerCase(Locale.ROOT));
          break;
        }
        case SW_OVER:
          if (!rest.isEmpty() && !rest.equalsIgnoreCase("::confirm")) {
            throw new MmlException("sw-over takes only ::confirm, e.g. sw-over::confirm");
          }
          break;
        default:
          if (!rest.isEmpty()) {
            throw new MmlException(verb.text + " takes no parameters");
          }
      }
      return new Command(verb, params, t);
    }
    throw new MmlException("unknown MML command '" + t + "'; POM answers prov-sta, prov-cpy, prov-dply, prov-sync, "
        + "prov-stp, rtrv-ne, set-log, sw-over");
  }

  /** What POM answered. {@code status} is a POM status code (0 for COMPLD). */
  public record Answer(Verb verb, boolean completed, PomCodes.PomStatus status, String text) {
    /** The answer's lines as MML prints them, after the host's header line. */
    public String render() {
      if (completed) {
        return "M  COMPLD\n   \"" + (text == null ? verb.echo() : text) + "\"\n   ;";
      }
      return "M  DENY\n   SROF\n   \"" + verb.echo() + ": " + text + "\"\n   /* Status, Requested Operation Failed on the "
          + "component */\n   ;";
    }
  }

  public static Answer compld(Verb verb) {
    return new Answer(verb, true, PomCodes.PomStatus.XE_NORMAL, null);
  }

  public static Answer compld(Verb verb, String text) {
    return new Answer(verb, true, PomCodes.PomStatus.XE_NORMAL, text);
  }

  /** A refusal with the status code's significance as its text. */
  public static Answer deny(Verb verb, PomCodes.PomStatus status) {
    return new Answer(verb, false, status, status.significance + " (" + status.name() + " " + status.code + ")");
  }

  /** MGC-9: the seed's answer to a failed transfer. */
  public static Answer denyTransfer(Verb verb, PomCodes.PomStatus status) {
    return new Answer(verb, false, status, "error transferring data files\nThis may due to large number of files "
        + "being transferred.\nYou can re-invoke this command.");
  }
}
