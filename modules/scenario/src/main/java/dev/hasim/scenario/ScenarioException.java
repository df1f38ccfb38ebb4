package dev.hasim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bad input, said the way a user can act on: {@code file:line:column: what was expected}. Lines and columns
 * count from 1. The CLI prints {@link #getMessage()} and exits with code 2, never a stack trace. One exception
 * may carry several problems found in one pass ({@link #problems()}); its message is then one line each, in
 * file order.
 */
public final class ScenarioException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;
  private final List<ScenarioException> problems;

  public ScenarioException(String file, int line, int column, String problem) {
    super(file + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.problems = List.of(this);
  }

  private ScenarioException(List<ScenarioException> all) {
    super(String.join("\n", all.stream().map(Throwable::getMessage).toList()));
    ScenarioException first = all.get(0);
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.problem = first.problem;
    this.problems = List.copyOf(all);
  }

  /** Every problem of {@code found} (each may hold several) as one exception, in file order, duplicates once. */
  public static ScenarioException of(List<ScenarioException> found) {
    List<ScenarioException> all = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (ScenarioException e : found) {
      for (ScenarioException p : e.problems) {
        if (!seen.contains(p.getMessage())) {
          seen.add(p.getMessage());
          all.add(p);
        }
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no problem to report");
    }
    all.sort(Comparator.comparingInt(ScenarioException::line).thenComparingInt(ScenarioException::column));
    return all.size() == 1 ? all.get(0) : new ScenarioException(all);
  }

  /** The problems found, one or more, in file order. */
  public List<ScenarioException> problems() {
    return problems;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }
}
