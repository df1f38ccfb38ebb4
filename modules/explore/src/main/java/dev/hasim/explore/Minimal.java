package dev.hasim.explore;

import dev.hasim.scenario.spi.Property;
import java.util.List;

/** The minimal scenario file for one broken property: an ordinary scenario with the expectation that fails. */
record Minimal(String name, String text) {
  static Minimal of(Template template, String property, int index, Shrinker.Result shrunk, String firstDetail) {
    Schedule s = shrunk.schedule();
    Property p = template.properties().get(property);
    String name = template.name() + "-" + property;
    String violated = shrunk.outcome().details().getOrDefault(property, firstDetail);
    String statement = p == null ? "invariant " + property + " holds after every instant"
        : p.statement() + " [" + p.phase() + ", " + p.rule() + "]";
    String header = String.join("\n",
        "Found by hasim explore on " + template.file() + " (schedule #" + index + ", seed " + s.seed() + "),",
        "shrunk to " + s.events().size() + " events in " + shrunk.runs() + " runs.",
        "Violated: " + property + ": " + statement,
        "What happened: " + oneLine(violated),
        "Faults until " + Times.format(s.healAtMs()) + "; then everything healed and restarted; liveness judged at "
            + Times.format(s.durationMs()) + " (the model's bound).",
        "Reproduce: ./hasim run <this file>   (the expectation below fails)");
    String description = "Minimal schedule found by hasim explore that breaks " + property + ": " + statement
        + ". Everything is healed and restarted at " + Times.format(s.healAtMs()) + ".";
    List<String> expect = ScheduleRun.expectations(template, s.durationMs(), property);
    return new Minimal(name, template.render(header, name, description, s.seed(), s.durationMs(), s.lines(),
        expect));
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replace('\n', ' ');
    return flat.length() > 400 ? flat.substring(0, 400) + " …" : flat;
  }
}
