package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import java.util.List;

/** What whole-run expectations are judged on. */
public record RunFacts(List<Violation> violations, List<Convergence.Result> convergence) {}
