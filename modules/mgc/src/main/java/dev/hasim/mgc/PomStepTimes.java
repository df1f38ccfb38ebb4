package dev.hasim.mgc;

/**
 * <i>Model</i> (MGC-12): how long each step of ProvObjectManager takes, calibrated on the timestamps of the seed's
 * two platform.log examples. Each entry is the time POM spends before it writes the line the entry names; the
 * comment cites the seed's lines it was fitted to. Costs are per unit of work where the seed shows such a pattern
 * (per directory queued, per file listed or checked or copied, per table reloaded), so a larger library takes
 * longer. Messages, TFTP blocks and the per-file transfer overhead take their time elsewhere (RUDP, the fabric's
 * latency, {@link MgcSettings#fileOverheadMs()}).
 *
 * <p>The seed's prov-sync example (PID 11017, Oct 20, the standby answering a push) and its pom.dataSync example
 * (PID 1764, Oct 15, a host pulling at start-up) come from different hosts on different days. Where their same
 * step differs by more than the golden tests' 10 ms, each procedure keeps its own example's figure: {@link #pushMs}
 * for a standby serving prov-sync or prov-dply (and the active's own activations), {@link #startupMs} for the
 * start-up pull. docs/models/mgc.md, "Per-step processing times", tabulates seed and model side by side.
 */
enum PomStepTimes {
  // ---- start-up (MGC-1, MGC-2): the dataSync example's first lines -----------------------------------------
  /**
   * {@code pomMgr::initialize: starting ...} 22:17:15.572 → the first {@code signalCallback} 16.960, less that
   * callback's own step: POM initialises (the seed suppresses the output) before it handles any event.
   */
  INITIALIZE(1388 - 27, 1388 - 27),
  /** Before each {@code signalCallback: link1 state = …}: 27 ms between the example's two (16.960 → .987). */
  LINK_CALLBACK(27, 27),
  /** The second {@code signalCallback} → {@code pomProcEvtHdlr: heartbeat...}: 16 ms (16.987 → 17.003). */
  FIRST_HEARTBEAT(16, 16),

  // ---- a peer request on the standby (prov-sync) or the start-up pull ----------------------------------------
  /** {@code Starting Warmstart.} 16:07:09.707 → {@code NOW initiating file transfer…} .710; dataSync 42.044 → .047. */
  WARMSTART(3, 3),
  /** Per directory queued ({@code transferFile called by the application}): CFG_pomtest2 .716, seven more by .717. */
  QUEUE_DIRECTORY(0.2, 0.2),
  /** {@code transfer state is FREE} → {@code serveReqFromQueue…(OCCUPIED)}: dataSync 42.047 → .048. */
  SERVE_FIRST(0.5, 0.5),
  /**
   * {@code Ending Warmstart.} of one directory → the next directory's {@code bftfrSndHandShake}: 10 ms. Fitted to
   * the 699 ms from CFG_pomtest1's {@code Ending Warmstart.} (09.843) to CFG_pomtest7's handshake (10.542): five
   * directories that need nothing, each 10 + 4 + 21.5 + 102 ms; and to CFG_pomtest7's callback (10.936) → CFG_pomtest20's
   * handshake (11.002) = 57 + 10 ms.
   */
  SERVE_NEXT(10, 10),
  /** {@code after strcpy} → {@code countFilesInDir()}: 09.711 → .712, 10.542 → .543, dataSync 42.048 → .049. */
  COUNT_FILES(1, 1),
  /** Per file of the local directory, before {@code getDirAttributes(): success}: 3, 2 and 4 ms for 55 files. */
  DIR_ATTRIBUTES_PER_FILE(3.0 / 55, 3.0 / 55),
  /** {@code getDirAttributes} → {@code Dir:total number of characters}: 0, 1 and 0 ms. */
  DIR_TOTAL(0.3, 0.3),
  /**
   * Handshake sent → {@code total count attempted} / {@code file xfer = CFG_…}: dataSync {@code Dir:total}
   * 42.053 → .055 (prov-sync: seven more directories queued in between, 09.716 → .717).
   */
  INITIATED(1.5, 1.5),
  /**
   * The active compares a listing (MGC-4), before it answers: fixed part. CFG_pomtest20, absent on the standby (no
   * listing): {@code count < = 0} 11.002 → {@code count as Int is 55} .011 = 7 ms + 2 ms round trip.
   */
  COMPARE_LISTING(7, 7),
  /**
   * … and per file listed: 55 files, {@code Dir:total} → the answer 26 ms (CFG_pomtest1, 09.715 → .741), 27 ms
   * (CFG_pomtest7, 10.546 → .573), 16 ms (dataSync, 42.053 → .069): 7 + 55 × 0.227 + 2 = 21.5 ms, within 5.5 ms
   * of each.
   */
  COMPARE_PER_FILE(0.227, 0.227),
  /**
   * The last file's rename → {@code aftfrSndHandShake()}: CFG_pomtest7's one file took 350 ms from {@code
   * tftp_readfile} (10.573 → .923), CFG_pomtest20's 55 files 11 752 ms (11.011 → 22.763): per file 195 ms
   * ({@code file_overhead}) plus this once per directory. dataSync: one file in 422 ms (42.070 → .492).
   */
  AFTER_TRANSFER(129, 201),
  /** Per file received, before its {@code getFileAttributes(): … succeeded}: 55 files 75 ms to the callback. */
  FILE_ATTRIBUTES_PER_FILE(1.17, 1.17),
  /** Last {@code getFileAttributes} → {@code checkReqResult}/{@code fileXferCallback}: 12 ms (10.924 → .936), 11 (42.493 → .504). */
  CHECK_RESULT(11.5, 11.5),
  /**
   * {@code fileXferCallback … operationStatus = 4} → {@code Platform state = 2.}: 102 ms (09.741 → .843), the one
   * directory the seed shows that needed nothing.
   */
  SYNC_AFTER_NOTHING(102, 102),
  /**
   * {@code fileXferCallback … operationStatus = 5} → {@code Platform state = 2.}: 57 ms (22.838 → .895; CFG_pomtest7's
   * 10.936 → 11.002 is 57 + SERVE_NEXT), dataSync 93 ms (42.504 → .597).
   */
  SYNC_AFTER_TRANSFER(57, 93),
  /** {@code 100/713} → {@code UDP send()} (and every other send): 0 or 1 ms in the seed. */
  UDP_SEND(0.5, 0.5),
  /** → {@code Ending Warmstart.}: 0 ms (23.712), dataSync 1 ms (43.379). */
  ENDING(0.5, 0.5),
  /** {@code Ending Warmstart.} → {@code peer 0} → {@code sendPeerMsg … 101, subtype 709}: 2 ms each (23.712 → .714 → .716). */
  PEER_ANSWER(2, 2),

  // ---- activation (MGC-3) ------------------------------------------------------------------------------------
  /** {@code instandby box,mgrState= 6} → {@code setupActvLink}: 2 ms (22.895 → .897), dataSync 1 (42.597 → .598). */
  ACTIVE_LINK(1.5, 1.5),
  /** {@code setupActvLink} → {@code setupProvLink}: 3 ms (22.897 → .900), dataSync 4 (42.598 → .602). */
  PROV_LINK(3.5, 3.5),
  /** {@code setupProvLink} → {@code prepareActvFiles … cp -p}: 27 ms (22.900 → .927), dataSync 37 (42.602 → .639). */
  PREPARE_FILES(32, 32),
  /**
   * Per file copied by {@code cp -p}, before the first {@code XETable::reload}: 237 ms for 55 files (22.927 →
   * 23.164), dataSync 146 ms (42.639 → .785).
   */
  COPY_PER_FILE(237.0 / 55, 146.0 / 55),
  /**
   * Per table after the first, before its {@code XETable::reload} (its {@code sendUpdateRequest} and {@code purge}
   * take RELOAD_STEP each): the first table's purge → {@code 713} is 546 ms for 54 more tables (23.165 → .711),
   * dataSync 591 ms (42.786 → 43.377).
   */
  RELOAD_TABLE(546.0 / 54 - 1, 591.0 / 54 - 1),
  /** {@code XETable::reload} → {@code sendUpdateRequest} → {@code purge}: 1 and 0 ms (23.164 → .165 → .165). */
  RELOAD_STEP(0.5, 0.5),

  // ---- the active -----------------------------------------------------------------------------------------
  /** {@code handleGoStandbyLocal} → {@code sendPeerMsg … 100, subtype 709}: dataSync 42.024 → .026. */
  GO_STANDBY(2, 2),
  /** The active answers a start-up request: {@code UDP send() 279} 42.026 → {@code UDP recv() 281} .043, less 2 ms round trip. */
  STARTUP_ANSWER(15, 15);

  /** For a standby serving a push, and for the active's own work. */
  final double pushMs;
  /** For a host pulling the active configuration at start-up (pom.dataSync, MGC-7). */
  final double startupMs;

  PomStepTimes(double pushMs, double startupMs) {
    this.pushMs = pushMs;
    this.startupMs = startupMs;
  }

  /** This step's cost in nanoseconds, {@code units} times (files, tables), for the procedure. */
  long nanos(boolean startupPull, double units) {
    return Math.round((startupPull ? startupMs : pushMs) * units * 1_000_000d);
  }
}
