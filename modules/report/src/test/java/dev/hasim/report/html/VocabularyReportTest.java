package dev.hasim.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasim.kernel.check.Invariant;
import dev.hasim.kernel.node.NodeSpec;
import dev.hasim.report.ReportMarkdown;
import dev.hasim.scenario.ScenarioLoader;
import dev.hasim.scenario.run.RunResult;
import dev.hasim.scenario.run.ScenarioRunner;
import dev.hasim.scenario.spi.ModelPlugin;
import dev.hasim.scenario.spi.ModelTopology;
import dev.hasim.scenario.spi.Vocabulary;
import dev.hasim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * The report knows no model's words: a model it has never heard of declares its roles and colours, an
 * abnormal state, an attribute, a notice and a "who follows whom" view, and the page and report.md use them.
 */
class VocabularyReportTest {
  static final Vocabulary WORDS = new Vocabulary(Vocabulary.colours("CHIEF", "#111111", "CREW", "#222222"),
      Vocabulary.colours("ADRIFT", "#333333"), List.of(new Vocabulary.Attribute("seat", "#", "seat")),
      List.of(new Vocabulary.Notice("flare", "fires flare", "colour", null)),
      new Vocabulary.Belief("captain", "CHIEF", "chief", "seat"));

  /** Node c1 is CHIEF; c2 is CREW in seat 1 following c1, adrift after 2 s, and fires a flare. */
  static final class ShipPlugin implements ModelPlugin {
    public String name() {
      return "ship";
    }

    public String summary() {
      return "a model the report has never heard of";
    }

    public ModelTopology readTopology(YNode section) {
      List<NodeSpec> nodes = new ArrayList<>();
      nodes.add(new NodeSpec("c1", "ship", env -> Behaviors.setup(ctx -> {
        env.trace().role("CHIEF", "SHIP-1");
        env.trace().view("captain", "c1");
        return Behaviors.empty();
      }), "stop", 0L));
      nodes.add(new NodeSpec("c2", "ship", env -> Behaviors.setup(ctx -> {
        env.trace().role("CREW", "SHIP-1");
        env.trace().attribute("seat", 1, "SHIP-2");
        env.trace().view("captain", "c1");
        env.trace().state("ADRIFT", "SHIP-3");
        env.trace().notice("flare", "colour", "red", "rule", "SHIP-3", "why", "adrift");
        return Behaviors.empty();
      }), "stop", 2000L));
      return new ModelTopology() {
        public String model() {
          return "ship";
        }

        public List<NodeSpec> nodes() {
          return nodes;
        }

        public Vocabulary vocabulary() {
          return WORDS;
        }

        public List<Invariant> invariants(long worstDelayMs) {
          return List.of();
        }

        public long detectionPeriodMs() {
          return 100;
        }
      };
    }
  }

  @Test
  void theReportDrawsAModelFromItsVocabulary() throws Exception {
    RunResult r = ScenarioRunner.run(new ScenarioLoader(List.of(new ShipPlugin())).parse("ship.yaml", """
        name: ship
        duration: 10s
        topology:
          ship: {}
        """), ScenarioRunner.Options.defaults());
    String html = ReportHtml.render(r, null);
    assertTrue(html.contains("background:#111111\"></i>CHIEF"), "legend: the model's role and colour");
    assertTrue(html.contains("background:#333333\"></i>ADRIFT"), "legend: its abnormal state");
    assertTrue(html.contains("fill=\"#333333\""), "a bar in the abnormal state's colour");
    assertTrue(html.contains("CREW · ADRIFT · #1"), "bar label: role, abnormal state, attribute with its label");
    assertTrue(html.contains("Who believes whom is chief"), "belief matrix in the model's words");
    assertTrue(html.contains("→ c1 · #1"), "belief: whom it follows and its rank");
    assertTrue(html.contains("flare red: adrift"), "the notice in the story");
    assertFalse(html.contains("Primary"), "no other model's words");
    String md = ReportMarkdown.render(r);
    assertTrue(md.contains("c2 fires flare red (SHIP-3): adrift."), md);
    assertTrue(md.contains("| node | role | state | seat | alarms |"), "the monitor table's attribute column");
    assertTrue(md.contains("c2 seat is now 1 (SHIP-2)"), md);
    assertTrue(Map.of("seat", 1).equals(r.finalState().get("c2").attributes()), "final state keeps the attribute");
  }
}
