package dev.hasim.report;

import dev.hasim.report.html.ReportHtml;
import dev.hasim.scenario.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a run's folder, {@code <out>/<scenario>/seed-<n>/}: report.json, report.md, report.html,
 * trace.jsonl, and the models' own files (an MGC host's {@code <host>/platform.log}). Everything
 * is written to a temporary folder beside it first and moved into place only when complete, so a failed or
 * interrupted run never leaves a half-written report or destroys the previous one.
 */
public final class ReportWriter {
  private ReportWriter() {}

  public static Path folderFor(Path outRoot, RunResult r) {
    return outRoot.resolve(r.scenario().name()).resolve("seed-" + r.seed());
  }

  public static Path write(RunResult r, Path outRoot) throws IOException {
    Path target = folderFor(outRoot, r);
    Files.createDirectories(target.getParent());
    Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".writing-");
    readableByAll(staging, "rwxr-xr-x");
    try {
      Files.writeString(staging.resolve("trace.jsonl"), r.traceJsonl(), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("report.json"), ReportJson.render(r), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("report.md"), ReportMarkdown.render(r), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("report.html"), ReportHtml.render(r, docsHref(target)), StandardCharsets.UTF_8);
      for (var file : r.files().entrySet()) {
        Path path = staging.resolve(file.getKey()).normalize();
        if (!path.startsWith(staging)) {
          throw new IOException("a model asked to write outside the run folder: " + file.getKey());
        }
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      replace(staging, target);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    return target;
  }

  /**
   * Where the rule links of report.html point: the repository's docs folder ({@code hasim.home}, set by the
   * launcher, or the current folder), relative to the report; null when there is none.
   */
  static String docsHref(Path reportFolder) {
    String home = System.getProperty("hasim.home");
    Path docs = (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().resolve("docs");
    if (!Files.isDirectory(docs.resolve("models"))) {
      return null;
    }
    return reportFolder.toAbsolutePath().normalize().relativize(docs.normalize()).toString().replace('\\', '/');
  }

  /** Writes a file whole or not at all: to a temporary sibling, then renamed over the old one. */
  public static void writeAtomically(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path staging = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".writing");
    readableByAll(staging, "rw-r--r--");
    try {
      Files.writeString(staging, content, StandardCharsets.UTF_8);
      Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(staging);
    }
  }

  /** Temporary files are private to their owner; a report is not (CI artifacts, a web server, a colleague). */
  private static void readableByAll(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the default ACLs already let others read.
    }
  }

  /** The old report stays until the new one is complete; then the swap is two renames. */
  private static void replace(Path staging, Path target) throws IOException {
    Path previous = null;
    if (Files.exists(target)) {
      previous = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".previous-");
      Files.delete(previous);
      move(target, previous);
    }
    try {
      move(staging, target);
    } catch (IOException e) {
      if (previous != null) {
        move(previous, target);
      }
      throw e;
    }
    if (previous != null) {
      deleteTree(previous);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
