package dev.hasim.mgc;

import java.util.Locale;

/**
 * POM's log levels, lowest to highest. A line is written to platform.log when its level is at least the
 * process's level ({@code pom.logPrio} at start-up, {@code set-log:pom-01:<level>} at run time, MGC-12).
 * {@code err} is the normal level; the seed's traces are all taken at {@code debug}.
 */
public enum LogLevel {
  DEBUG("Debug"), INFO("Info"), WARNING("Warning"), ERR("Error");

  static final String NAMES = "debug, info, warning, err";
  /** As printed between angle brackets in platform.log: {@code <Debug>}, {@code <Error>}. */
  public final String tag;

  LogLevel(String tag) {
    this.tag = tag;
  }

  /** Accepts the MML names ({@code debug}, {@code err}) and pom.logPrio's ({@code Debug}, {@code Error}). */
  public static LogLevel parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "debug" -> DEBUG;
      case "info" -> INFO;
      case "warning", "warn" -> WARNING;
      case "err", "error" -> ERR;
      default -> null;
    };
  }

  public static LogLevel ofTag(String tag) {
    for (LogLevel level : values()) {
      if (level.tag.equals(tag)) {
        return level;
      }
    }
    return null;
  }
}
