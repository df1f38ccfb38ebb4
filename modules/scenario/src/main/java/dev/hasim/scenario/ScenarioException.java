package dev.hasim.scenario;

/**
 * Bad input, said the way a user can act on: {@code file:line:column: what was expected}. Lines and columns
 * count from 1. The CLI prints {@link #getMessage()} and exits with code 2, never a stack trace.
 */
public final class ScenarioException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  public ScenarioException(String file, int line, int column, String problem) {
    super(file + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
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
