package dev.hasim.mgc;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.kernel.trace.TraceEvent;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Expectations the MGC model adds: a host's platform state, an MML answer, a pair in sync. */
final class MgcExpectations {
  static final Set<String> KEYS = Set.of("mgc", "mml_result", "config_in_sync");

  private MgcExpectations() {}

  static Expectation read(String key, YNode value, Long atMs, String text, NodeNames nodes, Map<String, MgcPair> pairs)
      throws ScenarioException {
    switch (key) {
      case "mgc": {
        if (atMs == null) {
          throw value.error("mgc: needs 'at', the time to check it");
        }
        YMap m = value.map("mgc").allowOnly(Set.of("node", "platform", "mgr_state", "active_link"));
        String node = host(m.require("node", "an MGC host"), "mgc.node", nodes, pairs);
        String platform = null;
        if (m.has("platform")) {
          YNode p = m.get("platform");
          platform = p.string("mgc.platform").toUpperCase(Locale.ROOT);
          if (!Set.of("ACTIVE", "STANDBY", "OOS", "DOWN").contains(platform)) {
            throw p.expected("mgc.platform", "ACTIVE, STANDBY, OOS or DOWN");
          }
        }
        String mgrState = null;
        if (m.has("mgr_state")) {
          YNode s = m.get("mgr_state");
          mgrState = s.string("mgc.mgr_state").toUpperCase(Locale.ROOT);
          try {
            PomCodes.MgrState.valueOf(mgrState);
          } catch (IllegalArgumentException e) {
            throw s.expected("mgc.mgr_state", "a pomMgrState: UNDEFINED, READY, CFGM_WAIT, CFGM_NO_WAIT, PEER_WAIT, "
                + "CFGM_VALIDATION_WAIT or XFER_WAIT");
          }
        }
        String activeLink = m.has("active_link") ? m.get("active_link").string("mgc.active_link") : null;
        if (activeLink != null && !activeLink.startsWith("CFG_")) {
          activeLink = "CFG_" + activeLink;
        }
        if (platform == null && mgrState == null && activeLink == null) {
          throw value.expected("mgc", "at least one of platform, mgr_state, active_link");
        }
        return new HostIs(text, atMs, node, platform, mgrState, activeLink);
      }
      case "mml_result": {
        YMap m = value.map("mml_result").allowOnly(Set.of("node", "command", "status"));
        String node = host(m.require("node", "an MGC host"), "mml_result.node", nodes, pairs);
        YNode commandNode = m.require("command", "the command's verb, e.g. prov-sync");
        String command = commandNode.string("mml_result.command").toLowerCase(Locale.ROOT);
        if (java.util.Arrays.stream(Mml.Verb.values()).noneMatch(v -> v.text.equals(command))) {
          throw commandNode.expected("mml_result.command", "prov-sta, prov-cpy, prov-dply, prov-sync, prov-stp, "
              + "rtrv-ne or set-log");
        }
        YNode statusNode = m.require("status", "COMPLD, DENY, or a POM status code such as 2021");
        String status = statusNode.scalarText("mml_result.status").toUpperCase(Locale.ROOT);
        if (!status.equals("COMPLD") && !status.equals("DENY")) {
          try {
            PomCodes.PomStatus.of(Integer.parseInt(status));
          } catch (IllegalArgumentException e) {
            throw statusNode.expected("mml_result.status", "COMPLD, DENY, or a POM status code (0, 2000-2032)");
          }
        }
        return new MmlAnswered(text, atMs, node, command, status);
      }
      case "config_in_sync": {
        if (atMs == null) {
          throw value.error("config_in_sync: needs 'at', the time to check it");
        }
        YMap m = value.map("config_in_sync").allowOnly(Set.of("pair", "library"));
        YNode pairNode = m.require("pair", "an MGC pair's name");
        MgcPair pair = pairs.get(pairNode.string("config_in_sync.pair"));
        if (pair == null) {
          throw pairNode.error("config_in_sync.pair: unknown pair; the topology defines " + pairs.keySet());
        }
        boolean library = m.has("library") && m.get("library").bool("config_in_sync.library");
        return new InSync(text, atMs, pair, library);
      }
      default:
        throw value.error("unknown MGC expectation '" + key + "'");
    }
  }

  private static String host(YNode value, String what, NodeNames nodes, Map<String, MgcPair> pairs)
      throws ScenarioException {
    String name = nodes.read(value, what);
    if (pairs.values().stream().noneMatch(p -> p.hosts().contains(name))) {
      throw value.error(what + ": " + name + " is not an MGC host");
    }
    return name;
  }

  record HostIs(String text, Long atMs, String node, String platform, String mgrState, String activeLink)
      implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      WorldState.NodeView view = world.node(node);
      String actualPlatform = view.up() ? view.role() : "DOWN";
      String detail = node + " at " + atMs + " ms: platform " + actualPlatform + ", mgrState " + view.state()
          + ", active_link " + view.view("active_link");
      boolean ok = (platform == null || platform.equals(actualPlatform))
          && (mgrState == null || mgrState.equals(view.state()))
          && (activeLink == null || activeLink.equals(view.view("active_link")));
      return ok ? Check.pass(detail) : Check.fail(detail);
    }
  }

  /**
   * With {@code at}: the latest answer to the command by then has this status; without: some answer in the run
   * had it (a command re-issued after a timeout answers DENY, then COMPLD).
   */
  record MmlAnswered(String text, Long atMs, String node, String command, String status) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      String latest = null;
      StringBuilder all = new StringBuilder();
      for (TraceEvent e : run.events()) {
        if (atMs != null && e.tMs() > atMs) {
          break;
        }
        if (e.node().equals(node) && e.is("decision") && command.equals(e.string("mml"))) {
          String answer = e.string("result") + " " + e.number("status");
          all.append(all.length() == 0 ? "" : ", ").append(answer).append(" at ").append(e.tMs()).append(" ms");
          if (atMs == null && matches(e)) {
            return Check.pass(node + " answered " + command + " with " + answer + " at " + e.tMs() + " ms");
          }
          latest = matches(e) ? "match" : answer;
        }
      }
      String seen = all.length() == 0 ? "no answer" : all.toString();
      if (atMs != null && "match".equals(latest)) {
        return Check.pass(node + " answers to " + command + " by " + atMs + " ms: " + seen);
      }
      return Check.fail(node + " answers to " + command + (atMs != null ? " by " + atMs + " ms" : "") + ": " + seen
          + " (expected " + status + ")");
    }

    private boolean matches(TraceEvent e) {
      return status.equals(e.string("result")) || status.equals(String.valueOf(e.number("status")));
    }
  }

  /** Both hosts up, the same active configuration (name and file attributes), and with {@code library} every CFG_. */
  record InSync(String text, Long atMs, MgcPair pair, boolean library) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      WorldState.NodeView a = world.node(pair.hosts().get(0));
      WorldState.NodeView b = world.node(pair.hosts().get(1));
      if (!a.up() || !b.up()) {
        return Check.fail("pair " + pair.name() + " at " + atMs + " ms: a host is down");
      }
      String key = library ? "library" : "config";
      Object x = a.view(key);
      Object y = b.view(key);
      String detail = "pair " + pair.name() + " " + key + " at " + atMs + " ms: " + a.name() + " " + x + ", "
          + b.name() + " " + y;
      return x != null && x.equals(y) ? Check.pass(detail) : Check.fail(detail);
    }
  }
}
