package dev.hasim.cucm;

import dev.hasim.kernel.node.NodeEnv;
import dev.hasim.kernel.trace.NodeRecorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The Extension Mobility services of a cluster's publisher (EMCC-1): EMAppServlet, which phones of this
 * cluster call, and EMServiceServlet, which answers other clusters. As the visiting cluster it finds the user
 * is not local, asks the clusters of its EMCC view for the user's home, sends the login there and tells the
 * phone; as the home cluster it checks the user, logs it in with its device profile and an auto-logout timer,
 * and serves the phone's configuration file (TFTP). Its log lines are written as the seed shows them.
 */
final class EmService {
  private static final String APP = "[http-bio-80-exec-7 ] EMAppServlet - ";
  private static final String SERVICE = "[http-bio-443-exec-2 ] EMServiceServlet - ";
  private static final String HOME = "[http-bio-443-exec-17] EMServiceServlet - ";

  /** A visiting cluster's login in progress. */
  private static final class Pending {
    final String phone;
    final String user;
    final Set<String> awaiting;
    String home;
    String homeService;

    Pending(String phone, String user, Set<String> awaiting) {
      this.phone = phone;
      this.user = user;
      this.awaiting = awaiting;
    }
  }

  private record Timeout(int request) implements Msg {}

  private record AutoLogout(String user) implements Msg {}

  private final NodeEnv env;
  private final NodeRecorder trace;
  private final TimerScheduler<Msg> timers;
  private final CcmConfig config;
  private final Cluster cluster;
  private final Map<Integer, Pending> pending = new LinkedHashMap<>();
  /** Home side: users logged in at a visiting phone → that phone. */
  private final Map<String, String> loggedIn = new LinkedHashMap<>();
  private int requests;

  EmService(NodeEnv env, TimerScheduler<Msg> timers, CcmConfig config) {
    this.env = env;
    this.trace = env.trace();
    this.timers = timers;
    this.config = config;
    this.cluster = config.cluster();
  }

  void onMessage(Msg message) {
    if (message instanceof Msg.EmAppRequest r) {
      onEmAppRequest(r);
    } else if (message instanceof Msg.EmccCheckUser c) {
      onCheckUser(c);
    } else if (message instanceof Msg.EmccCheckUserReply r) {
      onCheckUserReply(r);
    } else if (message instanceof Msg.EmccLogin l) {
      onHomeLogin(l);
    } else if (message instanceof Msg.EmccLoginReply r) {
      onLoginReply(r);
    } else if (message instanceof Msg.ConfigRequest c) {
      env.send(c.phone(), new Msg.ConfigFile(env.self(), cluster.name(), cluster.homeList()));
    } else if (message instanceof Timeout t) {
      onTimeout(t.request());
    } else if (message instanceof AutoLogout a) {
      onAutoLogout(a.user());
    }
  }

  // ---- Visiting cluster --------------------------------------------------------------------------------

  private void onEmAppRequest(Msg.EmAppRequest r) {
    int request = ++requests;
    log("INFO", APP + "EMApp Request# ----->" + request);
    log("INFO", APP + "EMApp Request parameters: Logout=null Device Name=" + r.phone() + " User Id=" + r.user()
        + " Device Profile=null Refresh=null Remote Host IP Address = " + r.phone() + " Via Header Set = false "
        + "getClusterInfo = null Lang = en_US Charset=utf-8,;q=0.8 Emcc = true");
    log("INFO", "[http-bio-443-exec-10] Authenticator - " + request + ":Authenticator.userExists: UserID: "
        + r.user() + "- Calling cmdb.isLocalUser(osUserID)...");
    if (cluster.users().containsKey(r.user())) {
      trace.decision("EMCC-1", r.user() + " is a local user of " + cluster.name() + ": an Extension Mobility "
          + "login, not EMCC");
      env.send(r.phone(), new Msg.EmccResult(env.self(), r.user(), null, null, "user " + r.user()
          + " is local to " + cluster.name() + ": not an EMCC login"));
      return;
    }
    log("ERROR", "[http-bio-443-exec-10] CMDatabase - CMDatabase:isLocalUser: no user exists with id: " + r.user());
    log("ERROR", "[http-bio-443-exec-10] CMDatabase - CMDatabase:isLocalUser: "
        + "com.cisco.ccm.database.CMDBLException: Unknown user: " + r.user());
    log("INFO", SERVICE + request + ":EMService: Request Type=EMCC");
    log("INFO", SERVICE + request + ": processEmccRequest: Received EMCC Login Request for :" + r.user());
    log("INFO", SERVICE + request + " findHomeCluster: Finding Home Cluster for User: " + r.user());
    Pending p = new Pending(r.phone(), r.user(), new LinkedHashSet<>(config.remoteClusters().keySet()));
    trace.decision("EMCC-1", r.user() + " is not a user of " + cluster.name() + ": looking for the home cluster "
        + "among " + p.awaiting, "user", r.user(), "phone", r.phone());
    if (p.awaiting.isEmpty()) {
      fail(request, p, "Unknown user: " + r.user() + " (no other cluster in the EMCC cluster view)");
      return;
    }
    pending.put(request, p);
    config.remoteClusters().forEach((name, service) ->
        env.send(service, new Msg.EmccCheckUser(env.self(), cluster.name(), request, r.user(), r.phone())));
    timers.startSingleTimer(new Timeout(request), new Timeout(request), Duration.ofMillis(config.timing().emccTimeoutMs()));
  }

  private void onCheckUserReply(Msg.EmccCheckUserReply r) {
    Pending p = pending.get(r.request());
    if (p == null || p.home != null) {
      return;
    }
    p.awaiting.remove(r.cluster());
    if (r.profile() != null) {
      p.home = r.cluster();
      p.homeService = r.from();
      String url = "https://" + r.from() + ":8443/emservice/EMServiceServlet";
      log("INFO", SERVICE + r.request() + ": EmccLoginRequest: Home Cluster URL for User:" + p.user + " is :" + url);
      log("INFO", SERVICE + r.request() + ": EmccLoginRequest: Device Profile for this user is: " + r.profile());
      log("INFO", "[http-bio-443-exec-2 ] EmccCommunicator - " + r.request() + ": performDoLogin : Sending home "
          + "login XML to :" + url + " and Parsing the response");
      trace.decision("EMCC-1", "the home cluster of " + p.user + " is " + r.cluster() + " (" + r.from()
          + "): sending the login there", "home", r.cluster());
      env.send(r.from(), new Msg.EmccLogin(env.self(), cluster.name(), r.request(), p.user, p.phone));
      timers.startSingleTimer(new Timeout(r.request()), new Timeout(r.request()),
          Duration.ofMillis(config.timing().emccTimeoutMs()));
    } else if (p.awaiting.isEmpty()) {
      log("ERROR", "[http-bio-443-exec-10] Authenticator - Exception : Unknown user: " + p.user);
      fail(r.request(), p, "Unknown user: " + p.user + " (no cluster of the EMCC cluster view has it)");
    }
  }

  private void onLoginReply(Msg.EmccLoginReply r) {
    Pending p = pending.remove(r.request());
    if (p == null) {
      return;
    }
    timers.cancel(new Timeout(r.request()));
    log("INFO", SERVICE + r.request() + ": EmccLoginRequest: Performing Visiting Device Login for :" + p.user);
    log("INFO", SERVICE + r.request() + ":performVisitingDeviceLogin - " + p.phone);
    log("INFO", APP + "Successfully performed Login for user " + p.user + " at " + p.phone);
    trace.decision("EMCC-1", p.user + " logged in at " + p.phone + " with home cluster " + r.cluster()
        + ": the phone downloads its configuration from " + r.from() + " and registers with " + r.ccms(),
        "user", p.user, "home", r.cluster());
    env.send(p.phone, new Msg.EmccResult(env.self(), p.user, r.cluster(), r.from(), null));
  }

  private void onTimeout(int request) {
    Pending p = pending.get(request);
    if (p == null) {
      return;
    }
    long s = config.timing().emccTimeoutMs() / 1000;
    if (p.home == null) {
      log("ERROR", "[http-bio-443-exec-2 ] EmccCommunicator - " + request + ": findHomeCluster: no response from "
          + "remote cluster " + String.join(", ", p.awaiting) + " within " + s + " s");
      fail(request, p, "home cluster not found: no answer from " + String.join(", ", p.awaiting)
          + " (unreachable over the EMCC link)");
    } else {
      log("ERROR", "[http-bio-443-exec-2 ] EmccCommunicator - " + request + ": performDoLogin : no response from "
          + ":https://" + p.homeService + ":8443/emservice/EMServiceServlet within " + s + " s");
      fail(request, p, "the home cluster " + p.home + " did not answer the login (EMCC link lost mid-login)");
    }
  }

  private void fail(int request, Pending p, String why) {
    pending.remove(request);
    timers.cancel(new Timeout(request));
    log("ERROR", APP + "Login failed for user " + p.user + " at " + p.phone + ": " + why);
    trace.decision("EMCC-1", "EMCC login of " + p.user + " at " + p.phone + " failed: " + why, "user", p.user,
        "failure", why);
    env.send(p.phone, new Msg.EmccResult(env.self(), p.user, null, null, why));
  }

  // ---- Home cluster ------------------------------------------------------------------------------------

  private void onCheckUser(Msg.EmccCheckUser c) {
    int request = ++requests;
    String prefix = HOME + request + " : " + c.request() + " : " + c.fromCluster() + ": ";
    log("INFO", HOME + "EMService Request# ----> : " + request);
    log("INFO", prefix + "processEmccRequest: Received Check User Request for :" + c.user());
    log("INFO", prefix + "EmccCheckUser : Checking if User " + c.user() + " exists in local database");
    String profile = cluster.users().get(c.user());
    if (profile != null) {
      log("INFO", "[http-bio-443-exec-17] DBRequestor - " + request + ": queryUDP2: User Exists");
      log("INFO", prefix + "EmccCheckUser <emccResponse><checkUser><user id=\"" + c.user() + "\"><numProfiles>1"
          + "</numProfiles><exists/><deviceProfile1>" + profile + "</deviceProfile1></user></checkUser>"
          + "</emccResponse>");
    } else {
      log("ERROR", "[http-bio-443-exec-17] CMDatabase - CMDatabase:isLocalUser: no user exists with id: " + c.user());
    }
    env.send(c.from(), new Msg.EmccCheckUserReply(env.self(), cluster.name(), c.request(), c.user(), profile));
  }

  private void onHomeLogin(Msg.EmccLogin l) {
    int request = ++requests;
    String prefix = HOME + request + " : " + l.request() + " : " + l.fromCluster() + ": ";
    long secs = cluster.autoLogoutMs() / 1000;
    log("INFO", HOME + "EMService Request# ----> : " + request);
    log("INFO", prefix + "processEmccRequest: Received EMCC Home Cluster Login Request for :" + l.user());
    log("INFO", prefix + "EmccHomeLogin : Performing Home Device Login for :" + l.user());
    log("INFO", HOME + request + ": scheduleLogout: Device: " + l.phone() + "-Setting autologout request with "
        + "logout scheduler for : " + secs + " secs");
    log("INFO", "[http-bio-443-exec-19] LogoutScheduler - " + request + ":LogoutScheduler.setLogout(): Dev: "
        + l.phone() + "- Set logout for " + secs + " seconds");
    trace.decision("EMCC-1", l.user() + " logged in at home on " + l.phone() + " (visiting " + l.fromCluster()
        + "), device profile " + cluster.users().get(l.user()) + ", auto-logout in " + secs + " s",
        "user", l.user(), "phone", l.phone());
    loggedIn.put(l.user(), l.phone());
    trace.view("emcc_logins", String.join(", ", loggedIn.keySet()));
    timers.startSingleTimer(new AutoLogout(l.user()), new AutoLogout(l.user()), Duration.ofMillis(cluster.autoLogoutMs()));
    env.send(l.from(), new Msg.EmccLoginReply(env.self(), cluster.name(), l.request(), l.user(), cluster.homeList()));
  }

  private void onAutoLogout(String user) {
    String phone = loggedIn.remove(user);
    if (phone == null) {
      return;
    }
    trace.view("emcc_logins", loggedIn.isEmpty() ? null : String.join(", ", loggedIn.keySet()));
    trace.decision("EMCC-1", "auto-logout timer of " + user + " ran out: logging it out at " + phone, "user", user);
    env.send(phone, new Msg.EmccLogout(cluster.name(), user));
  }

  private void log(String level, String message) {
    trace.log(level, "EMCC-1", message);
  }
}
