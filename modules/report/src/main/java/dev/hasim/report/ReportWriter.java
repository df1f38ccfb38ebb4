package dev.hasim.report;

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
 * Writes a run's folder, {@code <out>/<scenario>/seed-<n>/}: report.json, report.md, trace.jsonl. Everything
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
    try {
      Files.writeString(staging.resolve("trace.jsonl"), r.traceJsonl(), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("report.json"), ReportJson.render(r), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve("report.md"), ReportMarkdown.render(r), StandardCharsets.UTF_8);
      replace(staging, target);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    return target;
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
