package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first build, with a stand-in {@code mvn} that behaves like Debian's Maven 3.8 (colour resets
 * on its output even with {@code -q -B}): a user sees one line, never ESC[0m, and the build's output only when
 * it fails.
 */
class LauncherIT {
  private record Outcome(int code, String output) {}

  private static Outcome launch(Path dir, String mvnScript) throws Exception {
    Files.copy(ReadmeIT.PROJECT.resolve("hasim"), dir.resolve("hasim"));
    dir.resolve("hasim").toFile().setExecutable(true);
    Files.createDirectories(dir.resolve("modules"));
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("mvn"), "#!/usr/bin/env bash\n" + mvnScript);
    Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "./hasim --version").directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Outcome(process.exitValue(), output);
  }

  @Test
  void aSuccessfulFirstBuildPrintsOneLineAndNoEscapeCodes(@TempDir Path dir) throws Exception {
    Outcome o = launch(dir, "printf '\\033[0m\\033[0m'; printf '\\033[0m' >&2; exit 0\n");
    assertTrue(o.output().startsWith("hasim: building (first use or sources changed)…\n"), o.output());
    assertFalse(o.output().contains("\u001b"), "no escape codes: " + o.output());
  }

  @Test
  void aFailedBuildShowsMavensOutputWithoutEscapeCodes(@TempDir Path dir) throws Exception {
    Outcome o = launch(dir, "printf '[ERROR] COMPILATION ERROR\\033[0m\\n' >&2; exit 1\n");
    assertEquals(2, o.code(), o.output());
    assertTrue(o.output().contains("[ERROR] COMPILATION ERROR\n"), o.output());
    assertTrue(o.output().contains("hasim: build failed"), o.output());
    assertFalse(o.output().contains("\u001b"), "no escape codes: " + o.output());
  }
}
