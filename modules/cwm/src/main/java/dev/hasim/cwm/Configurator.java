package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * CWM-21: "The Configurator can only be run on the Primary CWM" (seed 002, its only word on it). An operator
 * starts it on a workstation ({@code configurator: {node: …}}); the gateway's role decides:
 * <ul>
 *   <li>on the Primary it runs, shown by the {@code configurator} view {@code RUNNING};
 *   <li>anywhere else (a Secondary, degraded or not, or a gateway still starting) it is refused, naming the
 *       Primary this gateway knows of;
 *   <li><i>Model</i>, where the seed is silent: when the gateway stops being the Primary (a forced switchover
 *       by USR2, CWM-15, or any later way out of the role) the running Configurator is closed, since it may
 *       run only on the Primary; it does not follow the role: the operator starts it on the new Primary. It
 *       lives in the CWM process, so a crash, a watchdog restart or a shutdown ends it too; the next start says
 *       so and clears the view.
 * </ul>
 * A domain with two Primaries (CWM-16, CWM-17) can run two Configurators: each gateway only knows its own role.
 */
final class Configurator {
  static final String VIEW = "configurator";
  static final String RUNNING = "RUNNING";
  /** On disk while it runs, so the next process knows the previous one's Configurator ended with it. */
  private static final String DISK_RAN = "configurator_ran";

  private final CwmGateway g;
  private boolean running;

  Configurator(CwmGateway g) {
    this.g = g;
  }

  /** At the process's start: a Configurator of the previous process did not survive its end. */
  void onStart() {
    if (g.env.disk().remove(DISK_RAN) != null) {
      g.trace.decision("CWM-21", "the Configurator ran in this gateway's previous process and ended with it; "
          + "it must be started again, on the Primary", "configurator", "closed");
      g.trace.view(VIEW, null);
    }
  }

  Behavior<Command> onCommand(CwmGateway.ConfiguratorCommand command, CwmGateway.Role role) {
    boolean primary = CwmWords.PRIMARY.equals(role.name());
    if (command.op().equals("exit")) {
      if (!running) {
        return g.noEffect("CWM-21", "Configurator exit: it is not running on this gateway");
      }
      close("the operator exited it");
      return Behaviors.same();
    }
    if (!primary) {
      String known = role.primary() == null ? "no Primary is known yet" : "the Primary is " + role.primary();
      g.trace.decision("CWM-21", "Configurator refused: it can only be run on the Primary CWM, and this gateway is "
          + role.name() + " (" + known + ")", "configurator", "refused");
      return Behaviors.same();
    }
    if (running) {
      return g.noEffect("CWM-21", "Configurator start: it is already running on this Primary");
    }
    running = true;
    g.env.disk().put(DISK_RAN, Boolean.TRUE);
    g.trace.decision("CWM-21", "Configurator started: this gateway is the Primary, the only place it can run",
        "configurator", "started");
    g.trace.view(VIEW, RUNNING);
    return Behaviors.same();
  }

  /** A role is taking over this gateway's behaviour: a running Configurator ends unless it is the Primary's. */
  void follow(CwmGateway.Role role) {
    if (running && !CwmWords.PRIMARY.equals(role.name())) {
      close("this gateway is no longer the Primary (now " + role.name() + "), and the Configurator can only be "
          + "run on the Primary CWM; start it on the new Primary");
    }
  }

  private void close(String why) {
    running = false;
    g.env.disk().remove(DISK_RAN);
    g.trace.decision("CWM-21", "Configurator closed: " + why, "configurator", "closed");
    g.trace.view(VIEW, null);
  }
}
