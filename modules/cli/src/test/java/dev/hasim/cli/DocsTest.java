package dev.hasim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's documents stand on their own (issue 19): docs/rules.md holds every rule the code cites, each
 * with its status and proving test, and no Markdown file links outside the project or to a file that is not
 * there.
 */
class DocsTest {
  static final Path PROJECT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern RULE_ID = Pattern.compile("\"((?:CWM|MGC|IPFE)-\\d+)\"");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

  @Test
  void rulesMdHasEveryRuleTheCodeCitesWithItsStatusAndProof() throws IOException {
    String rules = Files.readString(PROJECT.resolve("docs/rules.md"));
    Set<String> cited = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(PROJECT.resolve("modules"))) {
      for (Path file : sources.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
          .toList()) {
        Matcher m = RULE_ID.matcher(Files.readString(file));
        while (m.find()) {
          cited.add(m.group(1));
        }
      }
    }
    assertTrue(cited.size() > 30, "rule IDs found in the code: " + cited);
    for (String id : cited) {
      int at = rules.indexOf("\n### " + id + "\n");
      assertTrue(at >= 0, id + " is cited by the code but has no section in docs/rules.md");
      int end = rules.indexOf("\n### ", at + 1);
      String section = rules.substring(at, end < 0 ? rules.length() : end);
      assertTrue(section.contains("- Status: implemented") || section.contains("- Status: partial"),
          id + " has a status: " + section);
      assertTrue(section.contains("- Proven by: "), id + " names the test that proves it: " + section);
    }
  }

  @Test
  void noDocumentLinksOutsideTheProjectOrToAMissingFile() throws IOException {
    List<String> broken = new ArrayList<>();
    List<Path> documents = new ArrayList<>(List.of(PROJECT.resolve("README.md"), PROJECT.resolve("reports/README.md")));
    try (Stream<Path> docs = Files.walk(PROJECT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
    }
    for (Path doc : documents) {
      String text = Files.readString(doc);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.isEmpty() || target.matches("[a-z]+:.*")) {
          continue; // an anchor in the same page, or a web address
        }
        Path resolved = doc.getParent().resolve(target).normalize();
        if (!resolved.startsWith(PROJECT) || !Files.exists(resolved)) {
          broken.add(PROJECT.relativize(doc) + " → " + target);
        }
      }
      assertTrue(!text.contains("../shared") && !text.contains("/work/shared"),
          PROJECT.relativize(doc) + " mentions a path outside the project");
    }
    assertTrue(broken.isEmpty(), "links that leave the project or lead nowhere: " + broken);
  }

  @Test
  void reportsReadmePromisesOnlyWhatExistsOrIsGenerated() throws IOException {
    String text = Files.readString(PROJECT.resolve("reports/README.md"));
    Matcher m = Pattern.compile("`(reports/[^`<>*]+)`").matcher(text);
    while (m.find()) {
      assertTrue(Files.exists(PROJECT.resolve(m.group(1))), "reports/README.md promises " + m.group(1));
    }
  }
}
