package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's example outputs are what its commands print now, on the samples shipped in {@code
 * samples/}. A block to check follows a comment naming its command:
 *
 * <pre>
 * &lt;!-- README test: the output of `tokensieve analyze samples --top 8` --&gt;
 * ```text
 * ...
 * ```
 * </pre>
 *
 * <p>When the analysis changes on purpose, {@code mvn -pl cli -am verify -Dtest=ReadmeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true} writes the new outputs into the
 * README (then read the diff).
 */
final class ReadmeTest {
  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");
  private static final Pattern BLOCK =
      Pattern.compile(
          "<!-- README test: the output of `tokensieve ([^`]+)` -->\\n```([a-z]*)\\n(.*?)```",
          Pattern.DOTALL);

  /** What {@code command} prints on stdout, run from the repository root. */
  static String output(String command) {
    List<String> args = new ArrayList<>();
    for (String a : command.split(" +")) {
      args.add(a.startsWith("samples") ? ROOT.resolve(a).toString() : a);
    }
    args.add("--no-progress");
    StringWriter out = new StringWriter();
    Main.run(
        new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
    return out.toString().replace(ROOT + "/samples", "samples");
  }

  private static String normalised(String text) {
    StringBuilder b = new StringBuilder();
    text.lines().forEach(l -> b.append(l.stripTrailing()).append('\n'));
    return b.toString();
  }

  @Test
  void exampleOutputs_areWhatTheirCommandsPrintOnTheShippedSamples() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(readme);
    StringBuilder updated = new StringBuilder();
    int checked = 0;
    List<String> stale = new ArrayList<>();
    while (m.find()) {
      String actual = normalised(output(m.group(1)));
      if (!normalised(m.group(3)).equals(actual)) {
        stale.add(m.group(1) + " now prints:\n" + actual);
      }
      String fresh =
          "<!-- README test: the output of `tokensieve "
              + m.group(1)
              + "` -->\n```"
              + m.group(2)
              + "\n"
              + actual
              + "```";
      m.appendReplacement(updated, Matcher.quoteReplacement(fresh));
      checked++;
    }
    m.appendTail(updated);
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertThat(checked).as("blocks checked").isGreaterThanOrEqualTo(3);
    assertThat(stale)
        .as(
            "README blocks whose command prints something else (-Dreadme.update=true rewrites them)")
        .isEmpty();
  }

  @Test
  void shippedSamples_areSmallAndEachTraceHasItsSourcesLine() throws IOException {
    Path samples = ROOT.resolve("samples");
    String sources = Files.readString(samples.resolve("SOURCES.md"), StandardCharsets.UTF_8);
    long bytes;
    List<Path> files;
    try (var walk = Files.walk(samples)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    assertThat(bytes).isLessThan(2_000_000);
    for (Path f : files) {
      String dir = samples.relativize(f).getName(0).toString();
      if (!f.getFileName().toString().equals("SOURCES.md")) {
        assertThat(sources).as("SOURCES.md names %s", f).contains("`" + dir + "/");
      }
    }
    assertThat(sources).contains("commit").contains("MIT");
  }
}
