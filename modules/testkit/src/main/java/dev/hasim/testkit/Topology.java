package dev.hasim.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A topology built in code. It renders the scenario file it stands for, so a topology built here is loaded,
 * validated and run exactly like one written in YAML (errors name the rendered text's line and column), and
 * {@link #yaml()} shows what it means.
 *
 * <pre>{@code
 * Topology.cwm("east").gateways("gw1", "gw2", "gw3").startingEvery(Duration.ofSeconds(1))
 *     .conf("HeartBeatInterval 5")
 * }</pre>
 *
 * <p>The model sections are plain YAML under {@code topology:}; {@link #section} takes any model's section as
 * text, for models or keys this builder does not spell out.
 */
public final class Topology {
  /** Long enough for any test: a test drives time itself, and the run ends where the test stops. */
  public static final Duration DEFAULT_DURATION = Duration.ofHours(1);

  private String name = "test";
  private Duration duration = DEFAULT_DURATION;
  private Long seed;
  private String network = "";
  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  private Topology() {}

  /** An empty topology; add model sections with {@link #section}. */
  public static Topology empty() {
    return new Topology();
  }

  /** A CWM peer-to-peer domain; see {@link CwmDomain}. */
  public static CwmDomain cwm(String domain) {
    return new CwmDomain(new Topology(), domain);
  }

  /** An IPFE mated pair (or any valid IPFE layout) of one DSR. */
  public static Topology ipfe(String... servers) {
    return new Topology().section("ipfe", "- servers: [" + String.join(", ", servers) + "]");
  }

  /** An MGC pair; the first host starts active. {@code xecfgparm} is XECfgParm.dat text (may be empty). */
  public static Topology mgc(String pair, String activeHost, String standbyHost, String xecfgparm) {
    StringBuilder yaml = new StringBuilder("- pair: " + pair + "\n  hosts: [" + activeHost + ", " + standbyHost + "]");
    if (!xecfgparm.isBlank()) {
      yaml.append("\n  xecfgparm: |");
      xecfgparm.lines().forEach(line -> yaml.append("\n    ").append(line));
    }
    return new Topology().section("mgc", yaml.toString());
  }

  /** Adds one item (YAML text, starting with "- ") to a model's list under {@code topology:}. */
  public Topology section(String model, String itemYaml) {
    sections.computeIfAbsent(model, m -> new ArrayList<>()).add(itemYaml);
    return this;
  }

  /** The scenario's name (it names report folders); "test" by default. */
  public Topology name(String name) {
    this.name = name;
    return this;
  }

  /** How long the run may last at most; one hour by default. */
  public Topology duration(Duration duration) {
    this.duration = duration;
    return this;
  }

  /** The scenario's own seed; a test's seed ({@code @Seeds}, {@code -Dhasim.seed}) overrides it. */
  public Topology seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Network defaults for every link (the scenario file's {@code network:}): latency, jitter, loss. */
  public Topology network(Duration latency, Duration jitter, double loss) {
    this.network = "network: {latency: " + latency.toMillis() + "ms, jitter: " + jitter.toMillis() + "ms, loss: "
        + loss + "}\n";
    return this;
  }

  /** The scenario file this topology stands for. */
  public String yaml() {
    StringBuilder yaml = new StringBuilder("name: " + name + "\n");
    if (seed != null) {
      yaml.append("seed: ").append(seed).append('\n');
    }
    yaml.append("duration: ").append(duration.toMillis()).append("ms\n").append(network).append("topology:\n");
    sections.forEach((model, items) -> {
      yaml.append("  ").append(model).append(":\n");
      for (String item : items) {
        item.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
      }
    });
    return yaml.toString();
  }

  @Override
  public String toString() {
    return yaml();
  }

  /**
   * One CWM domain: its gateways in DomainGatewayList order, when each starts, and the CWMGateway.conf the
   * domain shares (CWM-23). {@code DomainGatewayList} is written for you unless the conf names it.
   */
  public static final class CwmDomain {
    private final Topology topology;
    private final String domain;
    private final List<String> hosts = new ArrayList<>();
    private final Map<String, String> starts = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final StringBuilder conf = new StringBuilder();
    /** Rendered into its topology: later changes would not show, so they are refused. */
    private boolean built;

    private CwmDomain(Topology topology, String domain) {
      this.topology = topology;
      this.domain = domain;
    }

    /** The gateways, in DomainGatewayList order; each starts at 0 s unless told otherwise. */
    public CwmDomain gateways(String... hosts) {
      requireOpen();
      for (String host : hosts) {
        this.hosts.add(host);
        starts.putIfAbsent(host, "0ms");
      }
      return this;
    }

    /** Gateway i (from 0) starts at i × {@code interval}: the usual way to make the start order unambiguous. */
    public CwmDomain startingEvery(Duration interval) {
      requireOpen();
      for (int i = 0; i < hosts.size(); i++) {
        starts.put(hosts.get(i), interval.toMillis() * i + "ms");
      }
      return this;
    }

    /** When {@code host} first starts. */
    public CwmDomain start(String host, Duration at) {
      requireOpen();
      starts.put(host, at.toMillis() + "ms");
      return this;
    }

    /** {@code host} waits for a {@code start} action ({@link Sim#start}). */
    public CwmDomain startNever(String host) {
      requireOpen();
      starts.put(host, "never");
      return this;
    }

    /** Lines of the domain's CWMGateway.conf, e.g. {@code "HeartBeatInterval 5\nSP1_AutoSwitchOver ON"}. */
    public CwmDomain conf(String lines) {
      requireOpen();
      conf.append(lines.strip()).append('\n');
      return this;
    }

    /** Lines that only {@code host}'s CWMGateway.conf has (a misconfigured member, CWM-1). */
    public CwmDomain confOverride(String host, String lines) {
      requireOpen();
      overrides.put(host, lines.strip());
      return this;
    }

    /** The rest of the scenario: name, duration, seed, network, more sections. */
    public Topology topology() {
      return build();
    }

    public Topology name(String name) {
      return build().name(name);
    }

    public Topology duration(Duration duration) {
      return build().duration(duration);
    }

    public Topology seed(long seed) {
      return build().seed(seed);
    }

    public Topology network(Duration latency, Duration jitter, double loss) {
      return build().network(latency, jitter, loss);
    }

    public String yaml() {
      return build().yaml();
    }

    private void requireOpen() {
      if (built) {
        throw new IllegalStateException("domain " + domain + " is already part of a topology; change it before "
            + "topology(), name(), duration(), seed(), network() or yaml()");
      }
    }

    private Topology build() {
      if (hosts.isEmpty()) {
        throw new IllegalStateException("domain " + domain + ": no gateways; call gateways(...)");
      }
      if (built) {
        return topology;
      }
      built = true;
      StringBuilder item = new StringBuilder("- domain: " + domain + "\n  gateways:\n");
      for (String host : hosts) {
        item.append("    - {host: ").append(host).append(", start: ").append(starts.get(host)).append("}\n");
      }
      item.append("  conf: |\n");
      if (!conf.toString().contains("DomainGatewayList")) {
        item.append("    DomainGatewayList ").append(String.join(" ", hosts)).append('\n');
      }
      conf.toString().lines().filter(l -> !l.isBlank()).forEach(l -> item.append("    ").append(l).append('\n'));
      if (!overrides.isEmpty()) {
        item.append("  conf_overrides:\n");
        overrides.forEach((host, lines) -> {
          item.append("    ").append(host).append(": |\n");
          lines.lines().forEach(l -> item.append("      ").append(l).append('\n'));
        });
      }
      return topology.section("cwm", item.toString().stripTrailing());
    }
  }
}
