package dev.hasim.scenario.expect;

import dev.hasim.kernel.check.Convergence;
import dev.hasim.kernel.check.Violation;
import dev.hasim.kernel.trace.TraceEvent;
import java.util.List;

/** What expectations may consult beyond the world at their instant: the whole trace and its verdicts. */
public record RunFacts(List<TraceEvent> events, List<Violation> violations, List<Convergence.Result> convergence) {}
