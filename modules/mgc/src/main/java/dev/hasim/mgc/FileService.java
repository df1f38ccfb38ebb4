package dev.hasim.mgc;

import dev.hasim.mgc.PomCodes.OperationStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * XEFileService: moves CFG_ directories from the peer to this host, one directory at a time, by TFTP over
 * RUDP (MGC-9). For each directory the puller sends its file attributes ({@code bftfrSndHandShake}); the
 * peer answers with the files whose name, size or modification time differ or are missing (MGC-4); each is read
 * block by block ({@code tftp_readfile}), then renamed into the directory. A request that is not done within
 * {@code xferTimeoutMs} of being queued ends with operation status 3, so many directories or a lossy link time
 * out as in the seed. It also serves the peer's requests from this host's library.
 */
final class FileService {
  /** What the host lends the file service. */
  interface Host {
    ConfigLib lib();

    void send(Object payload);

    void log(LogLevel level, String rule, String message);

    void startTimer(Object key, MgcHost.Command message, Duration after);

    void cancelTimer(Object key);

    long nowMs();

    long nowS();

    /** POM spends one step of {@code units} (files, directories) of work (PomStepTimes, MGC-12). */
    void spend(PomStepTimes step, double units);

    /** {@code pomMgr::fileXferCallback}: a directory is done, with its operation status. */
    void transferred(String version, OperationStatus status);
  }

  enum Timer implements MgcHost.Command { DEADLINE, NEXT_FILE }

  private record Request(String version, long deadlineMs) {}

  private final Host host;
  private final MgcSettings settings;
  private final Deque<Request> queue = new ArrayDeque<>();
  private long nextId;
  // the request being served (transferState OCCUPIED)
  private Request current;
  private long currentId;
  private List<String> toFetch = List.of();
  private int nextFile;
  private final Map<String, ConfigLib.DataFile> received = new TreeMap<>();

  FileService(Host host, MgcSettings settings) {
    this.host = host;
    this.settings = settings;
  }

  boolean busy() {
    return current != null || !queue.isEmpty();
  }

  // ---- pulling ---------------------------------------------------------------------------------------------

  /** {@code XEFileService::transferFile called by the application}: queue one directory. */
  void transferFile(String version) {
    String path = ConfigLib.LIB + "/CFG_" + version;
    host.spend(PomStepTimes.QUEUE_DIRECTORY, 1);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::transferFile called by the application ,localpath " + path
        + ": remotepath " + path + ": filename CFG_" + version);
    queue.add(new Request(version, host.nowMs() + settings.xferTimeoutMs()));
    if (current == null) {
      host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::transferFile: transfer state is FREE, going to serveReqFromQueue");
      serveNext(PomStepTimes.SERVE_FIRST);
    }
  }

  /** Serves the next queued directory; {@code step}: the first of a request, or the next after a callback. */
  private void serveNext(PomStepTimes step) {
    if (current != null || queue.isEmpty()) {
      return;
    }
    current = queue.poll();
    currentId = ++nextId;
    if (host.nowMs() >= current.deadlineMs()) {
      finish(OperationStatus.TIMEOUT);
      return;
    }
    host.startTimer(Timer.DEADLINE, Timer.DEADLINE, Duration.ofMillis(current.deadlineMs() - host.nowMs()));
    host.spend(step, 1);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::serveReqFromQueuesetting transferState to (OCCUPIED)");
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::serveReqFromQueuesetting requestTransfer to (YES)");
    host.log(LogLevel.DEBUG, "MGC-9", "In XEFileService::bftfrSndHandShake()");
    String path = ConfigLib.LIB + "/CFG_" + current.version();
    host.log(LogLevel.DEBUG, "MGC-9", "bftfrSndHandShake():paths as received in bftfr are: localPath: " + path
        + " remote path: " + path);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::bftfrSndHandShake , after strcpy: localPath = " + path
        + " , remote path = " + path + " filename = CFG_" + current.version());
    ConfigLib.Version local = host.lib().version(current.version());
    if (local == null) {
      host.log(LogLevel.DEBUG, "MGC-4", "XEFileService::bftfrSndHandShake()-param->general.count < = 0 for case get_dir");
    } else {
      host.spend(PomStepTimes.COUNT_FILES, 1);
      host.log(LogLevel.INFO, "MGC-4", "XEFileService::countFilesInDir(): no. of files in the directory " + path
          + " is " + local.files().size());
      host.spend(PomStepTimes.DIR_ATTRIBUTES_PER_FILE, local.files().size());
      host.log(LogLevel.DEBUG, "MGC-4", "XEFileService::getDirAttributes(): success");
      host.spend(PomStepTimes.DIR_TOTAL, 1);
      host.log(LogLevel.DEBUG, "MGC-4", "XEFileService::bftfrSndHandShake - Dir:total number of characters to be sent = "
          + local.handshakeChars());
    }
    host.send(new MgcHost.DirHandshake(currentId, current.version(),
        local == null ? null : List.copyOf(local.files().values())));
  }

  void onHandshakeReply(MgcHost.HandshakeReply reply) {
    if (current == null || reply.request() != currentId) {
      return; // an answer for a request that already timed out
    }
    if (!reply.exists()) {
      host.log(LogLevel.ERR, "MGC-9", "XEFileService::hndShakeCallBack- remote directory " + ConfigLib.LIB + "/CFG_"
          + current.version() + " does not exist");
      finish(OperationStatus.FAIL);
      return;
    }
    if (reply.mismatched().isEmpty()) {
      host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::checkReqResult: Entering with requestTransfer = 1");
      host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::checkReqResult:setting transferState to (FREE)");
      finish(OperationStatus.NO_NEED_TO_TRANSFER);
      return;
    }
    host.log(LogLevel.DEBUG, "MGC-4", "XEFileService::hndShakeCallBack- In Handshake count as Int is "
        + reply.mismatched().size());
    host.log(LogLevel.DEBUG, "MGC-4", "XEFileService::hndShakeCallBack- Message Type in hndShakeCallBack is N");
    toFetch = reply.mismatched();
    nextFile = 0;
    received.clear();
    readNext();
  }

  private void readNext() {
    String file = toFetch.get(nextFile);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::tftp_readfile- accessing current entry in the directory file list: "
        + file);
    host.send(new MgcHost.TftpRead(currentId, current.version(), file));
  }

  void onBlock(MgcHost.TftpBlock block) {
    if (current == null || block.request() != currentId || block.block() < block.blocks()) {
      return; // blocks before the last carry only bytes; the file's attributes come with the last
    }
    String version = current.version();
    if (host.lib().fault(version) == ConfigLib.DirFault.PERMISSION_DENIED) {
      String target = ConfigLib.LIB + "/CFG_" + version + "/" + block.file();
      host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::tftp_endReceived: Error on rename: temp file is: "
          + "/tmp/.tftptmp" + block.file() + ".tftp file to write to is: " + target);
      host.log(LogLevel.ERR, "MGC-9", "XEFileService::tftp_endReceived: temporary file rename error 13");
      finish(OperationStatus.FAIL);
      return;
    }
    received.put(block.file(), block.data());
    nextFile++;
    // Each file costs its temporary copy, rename and attribute check before the service moves on.
    host.startTimer(Timer.NEXT_FILE, Timer.NEXT_FILE, Duration.ofMillis(settings.fileOverheadMs()));
  }

  private void fileDone() {
    if (nextFile < toFetch.size()) {
      readNext();
      return;
    }
    String version = current.version();
    String path = ConfigLib.LIB + "/CFG_" + version;
    host.spend(PomStepTimes.AFTER_TRANSFER, 1);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::aftfrSndHandShake():localpath: " + path + ",remotepath:" + path);
    ConfigLib.Version local = host.lib().version(version);
    ConfigLib.Version updated = local != null ? local
        : new ConfigLib.Version(version, Map.of(), host.nowS(), true);
    boolean diskFull = host.lib().fault(version) == ConfigLib.DirFault.DISK_FULL;
    for (ConfigLib.DataFile file : received.values()) {
      if (diskFull) {
        host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::getFileAttributes(): for file:" + path + "/" + file.name()
            + " failed");
        host.log(LogLevel.ERR, "MGC-9", "XEFileService::aftfrSndHandShake: " + file.name() + " is 0 bytes, "
            + file.size() + " expected: No space left on device");
        finish(OperationStatus.FILE_INTEGRITY_FAIL);
        return;
      }
      updated = updated.with(file);
      host.spend(PomStepTimes.FILE_ATTRIBUTES_PER_FILE, 1);
      host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::getFileAttributes(): for file:" + path + "/" + file.name()
          + " succeeded");
    }
    host.lib().put(updated);
    host.spend(PomStepTimes.CHECK_RESULT, 1);
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::checkReqResult: Entering with requestTransfer = 1");
    host.log(LogLevel.DEBUG, "MGC-9", "XEFileService::checkReqResult:setting transferState to (FREE)");
    finish(OperationStatus.FILE_INTEGRITY_SUCCESS);
  }

  void onTimer(Timer timer) {
    if (current == null) {
      return;
    }
    if (timer == Timer.NEXT_FILE) {
      fileDone();
    } else {
      finish(OperationStatus.TIMEOUT);
    }
  }

  /** The RUDP layer gave up on a segment of the current request: it fails, the queue goes on. */
  void abortCurrent(OperationStatus status) {
    if (current != null) {
      finish(status);
    }
  }

  /** The peer is gone: every request fails with {@code status}, none is started. */
  void abortAll(OperationStatus status) {
    List<Request> queued = new ArrayList<>(queue);
    queue.clear();
    if (current != null) {
      finish(status);
    }
    for (Request request : queued) {
      current = request;
      finish(status);
    }
  }

  private void finish(OperationStatus status) {
    String version = current.version();
    current = null;
    host.cancelTimer(Timer.DEADLINE);
    host.cancelTimer(Timer.NEXT_FILE);
    received.clear();
    host.transferred(version, status);
    serveNext(PomStepTimes.SERVE_NEXT);
  }

  // ---- serving the peer ------------------------------------------------------------------------------------

  /** The peer's attributes against ours: the files it lacks or holds with other attributes (MGC-4). */
  void onHandshake(MgcHost.DirHandshake handshake) {
    ConfigLib.Version mine = host.lib().version(handshake.version());
    if (mine == null) {
      host.send(new MgcHost.HandshakeReply(handshake.request(), handshake.version(), false, List.of()));
      return;
    }
    Map<String, ConfigLib.DataFile> theirs = new TreeMap<>();
    if (handshake.files() != null) {
      handshake.files().forEach(f -> theirs.put(f.name(), f));
    }
    List<String> mismatched = new ArrayList<>();
    for (ConfigLib.DataFile f : mine.files().values()) {
      if (!f.sameAttributes(theirs.get(f.name()))) {
        mismatched.add(f.name());
      }
    }
    host.spend(PomStepTimes.COMPARE_LISTING, 1);
    host.spend(PomStepTimes.COMPARE_PER_FILE, theirs.size());
    host.send(new MgcHost.HandshakeReply(handshake.request(), handshake.version(), true, List.copyOf(mismatched)));
  }

  /** A TFTP read: the file in 512-byte blocks, each a RUDP segment. */
  void onRead(MgcHost.TftpRead read) {
    ConfigLib.Version mine = host.lib().version(read.version());
    ConfigLib.DataFile file = mine == null ? null : mine.files().get(read.file());
    if (file == null) {
      return; // removed meanwhile: the puller's deadline reports it
    }
    int blocks = Math.max(1, (file.size() + MgcSettings.BLOCK_BYTES - 1) / MgcSettings.BLOCK_BYTES);
    for (int b = 1; b <= blocks; b++) {
      int bytes = b < blocks ? MgcSettings.BLOCK_BYTES : file.size() - (blocks - 1) * MgcSettings.BLOCK_BYTES;
      host.send(new MgcHost.TftpBlock(read.request(), read.version(), read.file(), b, blocks, bytes,
          b == blocks ? file : null));
    }
  }
}
