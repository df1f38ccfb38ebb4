package dev.hasim.scenario.yaml;

import dev.hasim.scenario.ScenarioException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one YAML document into {@link YNode}s with positions, within fixed limits. */
public final class YamlFile {
  static final int MAX_BYTES = 8 * 1024 * 1024;
  static final int MAX_NESTING = 64;
  static final int MAX_ALIASES = 100;

  private YamlFile() {}

  public static YNode read(Path path) throws ScenarioException {
    String name = path.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new ScenarioException(name, 1, 1, "is a folder; expected a scenario file (.yaml)");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw new ScenarioException(name, 1, 1, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ScenarioException(name, 1, 1, "cannot read the file: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ScenarioException(name, 1, 1, "not UTF-8 text");
    }
    return parse(name, text);
  }

  public static YNode parse(String name, String text) throws ScenarioException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      throw YNode.at(name, e.getProblemMark(), "malformed YAML: " + problem
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
    } catch (YAMLException e) {
      throw new ScenarioException(name, 1, 1, "malformed YAML: " + e.getMessage());
    } catch (StackOverflowError e) {
      throw new ScenarioException(name, 1, 1, "malformed YAML: nested too deeply");
    } catch (IllegalArgumentException e) {
      // SnakeYAML checks some tokens only as it builds them, e.g. "Tag must not contain leading or trailing
      // spaces" for a key like "! x: 1" (found by LoaderProperties' mutated scenarios).
      throw new ScenarioException(name, 1, 1, "malformed YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ScenarioException(name, 1, 1, "the file is empty; expected a scenario (name, duration, topology)");
    }
    return new YNode(name, root);
  }
}
