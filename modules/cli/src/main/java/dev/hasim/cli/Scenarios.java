package dev.hasim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds scenario files: a file as given, or every .yaml/.yml under a folder, in a stable order. */
final class Scenarios {
  private Scenarios() {}

  static List<Path> under(Path fileOrFolder) throws IOException {
    if (!Files.exists(fileOrFolder)) {
      throw new IOException(fileOrFolder + ": no such file or folder");
    }
    if (!Files.isDirectory(fileOrFolder)) {
      return List.of(fileOrFolder);
    }
    try (Stream<Path> files = Files.walk(fileOrFolder)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
