package dev.hasim.cwm;

import dev.hasim.cwm.CwmGateway.Command;
import dev.hasim.cwm.CwmGateway.UserData;
import dev.hasim.cwm.CwmGateway.UserDataRequest;
import dev.hasim.cwm.CwmGateway.UserTableScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * CWM-20: the {@code usertblDBsync HOST} and {@code usertblDBcmp HOST} scripts, run on this workstation against
 * any other (even of another domain: no Primary-Secondary link is needed). Every line the script prints is one
 * {@code log} event at level {@code script}, worded and broken as the seed shows it:
 *
 * <pre>
 * Continue to sync? [No]y
 * *****Syncing user tables with CWM on host [cwmtopo62]*****
 * Syncing Table node_info@mmendsl2 with
 * node_info@cwmtopo62.....[DONE]
 * …
 * *****Comparing user tables with CWM on host [mmen]*****
 * Comparing Table node_info@cwmtopo62 with
 * node_info@mmen.....[SAME]
 * </pre>
 */
final class UserTableScripts {
  static final String SYNC = "usertblDBsync";
  static final String CMP = "usertblDBcmp";
  /** The log level of a script's printed lines. */
  static final String LEVEL = "script";

  private final CwmGateway g;

  /** The run folder's file of what the scripts printed on {@code host} (see CwmTopology#files). */
  static String path(String host) {
    return host + "/usertbl.txt";
  }

  UserTableScripts(CwmGateway g) {
    this.g = g;
  }

  /** The operator runs a script: its first lines, then the remote host's tables are fetched. */
  Behavior<Command> onCommand(UserTableScript script) {
    if (script.script().equals(SYNC)) {
      // The seed shows the prompt answered "y"; hasim assumes the operator always confirms.
      print("Continue to sync? [No]y");
      print("*****Syncing user tables with CWM on host [" + script.host() + "]*****");
    } else {
      print("*****Comparing user tables with CWM on host [" + script.host() + "]*****");
    }
    g.env.send(script.host(), new UserDataRequest(g.self, script.script()));
    g.trace.decision("CWM-20", script.script() + " " + script.host() + ": fetching " + script.host()
        + "'s user tables");
    return Behaviors.same();
  }

  /** The remote host's tables arrived: sync replaces the local ones, cmp compares them, table by table. */
  Behavior<Command> onAnswer(UserData data) {
    String remote = data.from();
    if (data.purpose().equals(SYNC)) {
      for (String table : UserTables.TABLES) {
        print("Syncing Table " + table + "@" + g.self + " with");
        print(table + "@" + remote + ".....[DONE]");
      }
      g.replaceTables(data.tables());
      // The seed: "You will see a warning to this effect displayed on the screen after the tables have been
      // successfully loaded" (its text is not shown; this wording is hasim's).
      print("WARNING: make sure the networks in network.conf on " + g.self + " are the same as on " + remote
          + ", where CWM is already synced up");
      g.trace.decision("CWM-20", SYNC + " " + remote + ": local user tables destroyed and replaced by " + remote
          + "'s (" + data.tables().rows() + " rows)");
    } else if (data.purpose().equals(CMP)) {
      List<String> verdicts = g.tables().compare(data.tables());
      Map<String, Object> perTable = new LinkedHashMap<>();
      for (int i = 0; i < UserTables.TABLES.size(); i++) {
        String table = UserTables.TABLES.get(i);
        perTable.put(table, verdicts.get(i));
        print("Comparing Table " + table + "@" + g.self + " with");
        print(table + "@" + remote + ".....[" + verdicts.get(i) + "]");
      }
      g.trace.decision("CWM-20", CMP + " " + remote + ": " + (verdicts.contains("DIFFERENT")
          ? "tables differ" : "all tables SAME"), "tables", perTable);
    }
    return Behaviors.same();
  }

  /** A script's request from another workstation; a Primary answers its Secondaries' sync requests itself. */
  Behavior<Command> onRequest(UserDataRequest request) {
    if (!request.purpose().equals("sync")) {
      g.env.send(request.from(), new UserData(g.self, g.tables().copy(), request.purpose()));
    }
    return Behaviors.same();
  }

  private void print(String line) {
    g.trace.log(LEVEL, "CWM-20", line);
  }
}
