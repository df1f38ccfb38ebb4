package dev.hasim.mgc;

/**
 * MGC-11: the seed's code tables, exactly as printed in its "Error/Debug Message Reference Tables". Every
 * number hasim writes to a platform.log line, an MML answer or the trace comes from here.
 */
public final class PomCodes {
  private PomCodes() {}

  /** POM Event Types. */
  public enum EventType {
    POM_REQ_T(100), POM_RSP_T(101);

    public final int code;

    EventType(int code) {
      this.code = code;
    }
  }

  /** POM Event Subtypes. */
  public enum Subtype {
    POM_START_MT(700), POM_STOP_MT(701), POM_COPY_MT(702), POM_DEPLOY_MT(703), POM_SYNC_MT(704),
    POM_RESET_TIMER_MT(705), POM_TIMER_WARN_MT(706), POM_TIMER_EXPIRED_MT(707), POM_PEER_DEPLOY_MT(708),
    POM_PEER_SYNC_MT(709), POM_VALIDATION_RESULT_MT(710), POM_DISABLE_IDLE_TIMER_MT(711),
    POM_ENABLE_IDLE_TIMER_MT(712), POM_RESTART_RESP_TIMER_MT(713);

    public final int code;

    Subtype(int code) {
      this.code = code;
    }
  }

  /** pomMgrStates. */
  public enum MgrState {
    UNDEFINED(0), READY(1), CFGM_WAIT(2), CFGM_NO_WAIT(3), PEER_WAIT(4), CFGM_VALIDATION_WAIT(5), XFER_WAIT(6);

    public final int code;

    MgrState(int code) {
      this.code = code;
    }
  }

  /** (operation) Status, reported by the file service for each directory. */
  public enum OperationStatus {
    UNKNOWN(0), SUCCESS(1), FAIL(2), TIMEOUT(3), NO_NEED_TO_TRANSFER(4), FILE_INTEGRITY_SUCCESS(5),
    FILE_INTEGRITY_FAIL(6), LINK_DOWN(7);

    public final int code;

    OperationStatus(int code) {
      this.code = code;
    }

    /** Whether the directory is now the same on both hosts. */
    public boolean ok() {
      return this == SUCCESS || this == NO_NEED_TO_TRANSFER || this == FILE_INTEGRITY_SUCCESS;
    }
  }

  /** POM Status Codes: the {@code resp status} of peer messages and the status of MML answers. */
  public enum PomStatus {
    XE_NORMAL(0, "Requested operation completed successfully."),
    POM_NO_SES(2000, "This client has no active POM session."),
    POM_SES_IN_USE(2001, "The POM session is already in use."),
    POM_INVALID_SRC(2002, "The source directory does not exist."),
    POM_WAIT_FOR_RESP(2003, "Waiting for response; cannot send message to POM."),
    POM_TIMER_WARN(2004, "The POM session idle warning."),
    POM_TIMER_EXPIRED(2005, "The POM session has closed due to inactivity."),
    POM_CRT_DST_DIR(2006, "Error creating destination directory."),
    POM_CRT_PROV_LNK(2007, "Error creating provisioning link."),
    POM_CRT_ACTV_LINK(2008, "Error creating active link."),
    POM_CPY_SRC(2009, "Error copying data files from source to destination."),
    POM_CFGM_WAIT(2010, "The POM cannot process request; waiting for response from CfgM."),
    POM_CFGM_TIMEOUT(2011, "The CfgM response timed out."),
    POM_UPDATE_FAILED(2012, "Update of data files failed."),
    POM_CFGM_SEND(2013, "Error sending request to CfgM."),
    POM_CPY_ETC(2014, "Error copying data files to etc directory."),
    POM_POST_PROC(2015, "Error in post provisioning processing."),
    POM_SES_ACTIVE(2016, "The POM session is already active."),
    POM_SEND(2017, "Error sending request to POM."),
    POM_DST_DIR_EXISTS(2018, "Destination directory exists; cannot overwrite."),
    POM_PEER_TIMEOUT(2019, "Peer POM response timed out."),
    POM_PEER_SES_IN_USE(2020, "Peer POM session in use."),
    POM_XFER_ERR(2021, "Error transferring data files."),
    POM_PEER_SYNC_ERR(2022, "Platform is in non-ready state. Data synchronization aborted."),
    POM_INVALID_DST(2023, "The source/destination version cannot be a full or a relative path. It cannot have any "
        + "special characters other than \"-\" and \"_\"."),
    POM_VALIDATION_FAILED(2024, "Validation of data files failed."),
    POM_KEYWORD_DST(2025, "The destination version cannot use the keywords \"active\" and \"new\"."),
    POM_NO_ACTV_SES(2026, "No active POM sessions."),
    POM_ACTV_SRC(2027, "The active directory cannot be used as a destination."),
    POM_STAND_ALONE(2028, "Deploy/sync cannot be performed in standalone mode."),
    POM_VALIDATION_TIMEOUT(2029, "Validation has timed-out. Data deployment aborted."),
    POM_VER_MISMATCH(2030, "A .dat file version mismatch."),
    POM_PEER_NOT_STANDBY(2031, "Deploy/sync cannot be performed with a nonstandby peer."),
    POM_PEER_INCOMPATIBLE(2032, "Provisioning cannot be performed due to an incompatible peer version.");

    public final int code;
    public final String significance;

    PomStatus(int code, String significance) {
      this.code = code;
      this.significance = significance;
    }

    public static PomStatus of(int code) {
      for (PomStatus s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("no POM status code " + code);
    }
  }

  /** pomMgr::signalCallback link states: "0 is down, 1 is up, 2 is start, and 3 is invalid". */
  public enum LinkState {
    DOWN(0), UP(1), START(2), INVALID(3);

    public final int code;

    LinkState(int code) {
      this.code = code;
    }
  }

  /**
   * Platform states. The seed gives one number, 2 = standby ("pomMgr::peerSyncProvData. Platform state = 2.");
   * the others are hasim's (Model, MGC-1).
   */
  public enum Platform {
    ACTIVE(1), STANDBY(2), OOS(3);

    public final int code;

    Platform(int code) {
      this.code = code;
    }
  }
}
