package dev.hasim.cucm;

import dev.hasim.kernel.check.WorldState;
import dev.hasim.scenario.ScenarioException;
import dev.hasim.scenario.expect.Expectation;
import dev.hasim.scenario.expect.RunFacts;
import dev.hasim.scenario.spi.NodeNames;
import dev.hasim.scenario.yaml.YMap;
import dev.hasim.scenario.yaml.YNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Expectations the CUCM model adds: where a phone is registered, how many phones a CCM has, NTP, EMCC. */
final class CucmExpectations {
  static final Set<String> KEYS = Set.of("phone", "phones_on", "ntp", "emcc");

  private CucmExpectations() {}

  static Expectation read(String key, YNode value, Long atMs, String text, NodeNames nodes, CucmTopology topology)
      throws ScenarioException {
    if (atMs == null) {
      throw value.error(key + ": needs 'at', the time to check it");
    }
    List<String> registrars = topology.registrars();
    switch (key) {
      case "phone": {
        YMap m = value.map("phone").allowOnly(Set.of("name", "registered_to", "state"));
        String phone = nodes.readOf(m.require("name", "a phone, e.g. SEP001E7A000001"), "phone.name",
            topology.phones()::containsKey, "a phone");
        String to = null;
        if (m.has("registered_to")) {
          YNode t = m.get("registered_to");
          to = t.string("phone.registered_to");
          if (!to.equals("none")) {
            to = nodes.readOf(t, "phone.registered_to", registrars::contains, "a CCM or SRST gateway (or none)");
          }
        }
        String state = m.has("state") ? m.get("state").string("phone.state") : null;
        if (to == null && state == null) {
          throw value.error("phone: needs registered_to (a CCM, an SRST gateway or none) or state");
        }
        return new PhoneIs(text, atMs, phone, to, state);
      }
      case "phones_on": {
        YMap m = value.map("phones_on").allowOnly(Set.of("node", "count"));
        String node = nodes.readOf(m.require("node", "a CCM or SRST gateway"), "phones_on.node",
            registrars::contains, "a CCM or SRST gateway");
        int count = (int) m.require("count", "the number of phones registered with it").integer("phones_on.count",
            0, CucmPlugin.MAX_PHONES);
        return new PhonesOn(text, atMs, node, count, topology);
      }
      case "ntp": {
        YMap m = value.map("ntp").allowOnly(Set.of("node", "synchronised", "stratum"));
        String node = nodes.readOf(m.require("node", "a CUCM node"), "ntp.node",
            n -> topology.clusters().values().stream().anyMatch(c -> c.servers().contains(n)), "a CUCM node");
        boolean synced = m.require("synchronised", "true or false").bool("ntp.synchronised");
        Integer stratum = m.has("stratum") ? (int) m.get("stratum").integer("ntp.stratum", 1, 16) : null;
        return new NtpIs(text, atMs, node, synced, stratum);
      }
      case "emcc": {
        YMap m = value.map("emcc").allowOnly(Set.of("user", "logged_in", "home"));
        String user = m.require("user", "a user id").string("emcc.user");
        boolean in = m.require("logged_in", "true or false").bool("emcc.logged_in");
        String home = null;
        if (m.has("home")) {
          home = m.get("home").string("emcc.home");
          if (!topology.clusters().containsKey(home)) {
            throw m.get("home").error("emcc.home: unknown cluster \"" + home + "\"; the topology defines "
                + topology.clusters().keySet());
          }
        }
        return new EmccIs(text, atMs, user, in, home, topology);
      }
      default:
        throw value.error("unknown CUCM expectation '" + key + "'");
    }
  }

  record PhoneIs(String text, Long atMs, String phone, String to, String state) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      WorldState.NodeView view = world.node(phone);
      Object ccm = view.up() ? view.view(CucmWords.CCM_VIEW) : null;
      String actual = ccm == null ? "none" : ccm.toString();
      String detail = phone + " at " + atMs + " ms: registered to " + actual + ", state " + view.state();
      boolean ok = (to == null || to.equals(actual)) && (state == null || state.equals(view.state()));
      return ok ? Check.pass(detail) : Check.fail(detail + " (expected " + (to == null ? "" : "registered to " + to)
          + (state == null ? "" : " state " + state) + ")");
    }
  }

  record PhonesOn(String text, Long atMs, String node, int count, CucmTopology topology) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      int actual = topology.phonesPerRegistrar(world).getOrDefault(node, 0);
      String detail = actual + " phones registered with " + node + " at " + atMs + " ms";
      return actual == count ? Check.pass(detail) : Check.fail(detail + " (expected " + count + ")");
    }
  }

  record NtpIs(String text, Long atMs, String node, boolean synced, Integer stratum) implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      WorldState.NodeView view = world.node(node);
      boolean actual = view.up() && CucmWords.SYNCHRONISED.equals(view.state());
      Object s = view.attribute(CucmWords.STRATUM);
      String detail = node + " at " + atMs + " ms: " + (actual ? "synchronised at stratum " + s : "not synchronised ("
          + view.state() + ")") + "; " + view.view(CucmWords.NTP_VIEW);
      boolean ok = actual == synced && (stratum == null || (s instanceof Number n && n.intValue() == stratum));
      return ok ? Check.pass(detail) : Check.fail(detail);
    }
  }

  record EmccIs(String text, Long atMs, String user, boolean in, String home, CucmTopology topology)
      implements Expectation {
    public Check judge(WorldState world, RunFacts run) {
      String at = null;
      String where = null;
      for (String phone : topology.phones().keySet()) {
        Object v = world.node(phone).view(CucmWords.EMCC_VIEW);
        if (v != null && v.toString().startsWith(user + "@")) {
          at = phone;
          where = v.toString().substring(user.length() + 1);
        }
      }
      String detail = at == null ? user + " is not logged in by EMCC at " + atMs + " ms"
          : user + " is logged in at " + at + " with home cluster " + where + " at " + atMs + " ms";
      boolean ok = in ? at != null && (home == null || Objects.equals(home, where)) : at == null;
      return ok ? Check.pass(detail) : Check.fail(detail);
    }
  }
}
