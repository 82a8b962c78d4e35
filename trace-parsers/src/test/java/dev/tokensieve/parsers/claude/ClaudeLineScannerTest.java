package dev.tokensieve.parsers.claude;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.tokensieve.parsers.Json;
import dev.tokensieve.parsers.Samples;
import dev.tokensieve.parsers.TextDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The fast scanner against its reference, {@link ClaudeLineReader}. */
final class ClaudeLineScannerTest {
  private final ClaudeLineScanner scanner = new ClaudeLineScanner();

  @Test
  void sampleLines_readAsTheReferenceReadsThem_almostAllWithoutFallingBack() throws IOException {
    List<byte[]> lines = sampleLines();
    int unsure = 0;
    for (byte[] line : lines) {
      if (!agrees(line)) {
        unsure++;
      }
    }
    assertThat(lines).hasSizeGreaterThan(500);
    assertThat(unsure).as("lines left to the reference reader").isLessThan(lines.size() / 100);
  }

  @Test
  void mutatedSampleLines_areReadAsTheReferenceReadsThem_orLeftToIt() throws IOException {
    List<byte[]> lines = sampleLines();
    Random random = new Random(11);
    byte[] alphabet = "\"\\{}[],:x0-.e+ \tnt/u9A".getBytes(UTF_8);
    byte[] odd = {0x01, (byte) 0xC3, (byte) 0xA9, (byte) 0x80, (byte) 0xE2, (byte) 0xF0, 0x7F};
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] line = lines.get(random.nextInt(lines.size()));
      if (line.length > 20_000) {
        continue;
      }
      byte[] mutated = line.clone();
      for (int m = random.nextInt(3) + 1; m > 0; m--) {
        mutated = mutate(mutated, random, random.nextBoolean() ? alphabet : odd);
      }
      if (agrees(mutated)) {
        accepted++;
      }
    }
    assertThat(accepted).as("mutated lines the scanner read itself").isGreaterThan(1000);
  }

  @Test
  void sniffingALine_agreesWithTheJacksonReference_onEveryFormatsLines_andMutations()
      throws IOException {
    List<String> heads = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Samples.resource("samples"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = new String(Files.readAllBytes(f), UTF_8);
        for (String line : text.split("\n")) {
          heads.add(line.trim());
        }
      }
    }
    List<byte[]> lines = sampleLines();
    Random random = new Random(13);
    byte[] alphabet = "\"\\{}[],:x0-.e+ \tnt/u9A".getBytes(UTF_8);
    for (int round = 0; round < 5_000; round++) {
      byte[] line = lines.get(random.nextInt(lines.size()));
      byte[] mutated = random.nextBoolean() ? mutate(line, random, alphabet) : line;
      heads.add(new String(mutated, 0, random.nextInt(mutated.length + 1), UTF_8).trim()); // cut
      heads.add(new String(mutated, UTF_8).trim());
    }
    heads.add("{\"type\":5,\"sessionId\":1,\"uuid\":null}");
    heads.add("{\"type\":\"summary\",\"leafUuid\":{\"a\":[1]}}");
    heads.add("{\"type\":\"user\",\"payload\":{},\"sessionId\":\"s\",\"uuid\":\"u\"}");
    heads.add("{\"type\":\"queue-operation\",\"sessionId\":[]}");
    heads.add("{\"type\":\"file-history-snapshot\",\"messageId\":\"m\",\"type\":7}");
    int decided = 0;
    for (String head : heads) {
      if (head.isEmpty() || head.charAt(0) != '{') {
        continue; // sniffing looks no further at such a line
      }
      Boolean fast = ClaudeCodeParser.sniffLine(head);
      assertThat(fast).as(head).isEqualTo(ClaudeCodeParser.sniffLineReference(head));
      if (fast != null) {
        decided++;
      }
    }
    assertThat(decided).as("lines that decided a verdict").isGreaterThan(1000);
  }

  @Test
  void edgeCases_areReadAsTheReferenceReadsThem_orLeftToIt() throws IOException {
    String[] lines = {
      "",
      "   ",
      "{}",
      "[]",
      "{} {}",
      "{\"type\":\"user\"} x",
      "{\"type\":7,\"version\":-0,\"cwd\":1.5e3,\"agentId\":null,\"isMeta\":true}",
      "{\"isSidechain\":{\"type\":\"x\"}}",
      "{\"isSidechain\":\"true\",\"isMeta\":1}",
      "{\"type\":\"a\\u00e9\\ud83d\\ude00\\n\\/\",\"sessionId\":\"caf\u00e9 \ud83d\ude00\"}",
      "{\"type\":\"bad escape \\x\"}",
      "{\"type\":\"raw \u0001 control\"}",
      "{\"message\":{\"usage\":{\"input_tokens\":-3}}}",
      "{\"message\":{\"usage\":{\"input_tokens\":2.6,\"output_tokens\":01}}}",
      "{\"message\":{\"usage\":{\"input_tokens\":12345678901234567890}}}",
      "{\"message\":{\"usage\":{\"speed\":\"fast\",\"cache_creation\":{\"ephemeral_5m_input_tokens\":4}}}}",
      "{\"message\":{\"usage\":{\"speed\":{\"a\":1}}}}",
      "{\"message\":{\"content\":[{\"type\":\"text\",\"text\":{\"type\":\"x\"}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"text\",\"text\":5},\"s\",[1],{\"is_error\":true}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":[{\"text\":\"a\"},"
          + "{\"type\":\"image\"},7,{\"text\":\"b\",\"text\":\"c\"}]}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{"
          + "\"command\":\"ls\\t-la \\u0001\",\"timeout\":120000,\"flag\":true,\"x\":null,"
          + "\"nested\":{\"command\":\"no\",\"list\":[1,\"two\",{}]},\"path\":\"/a\","
          + "\"file_path\":\"/b\",\"path\":\"/c\"}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"input\":{\"edits\":[{\"old_string\":"
          + "\"a\",\"new_string\":\"b\",\"replace_all\":false},{\"old_string\":1},[\"x\"],\"y\","
          + "{\"new_string\":\"only\",\"more\":{\"old_string\":\"deep\"}}],\"content\":\"c\"}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"input\":{\"ratio\":0.5}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"input\":{\"n\":-0}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"input\":{\"caf\\u00e9\":1}}]}}",
      "{\"message\":{\"content\":[{\"type\":\"tool_use\",\"input\":[1,2]}]}}",
      "{\"error\":{\"error\":{\"message\":\"deep\"},\"message\":\"outer\"}}",
      "{\"error\":{\"error\":{\"message\":\"deep\"}},\"compactMetadata\":{\"preTokens\":9}}",
      "{\"toolUseResult\":{\"k\\u00e9y\":[true,false,null,{\"a\":[]}],\"\u00e9\":\"v\"}}",
      "{\"type\" : \"user\" , \"message\" : { \"content\" : \"hi\" } }\r",
      "{\"type\":\"user\"",
      "{\"type\":\"user\",}",
      "{\"type\":tru}",
      "{\"type\":\"\u00ff\"}",
      "\ufeff{\"type\":\"user\"}",
      "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
      "{\"message\":{\"content\":\"" + "long text ".repeat(3000) + "\"}}",
      // tool outputs, digested as UTF-8: escapes of one, two and three bytes, raw sequences of two
      // to four, escaped surrogates (pairs and lone), and texts past the digest's 64 KB pieces
      result("\"a\\u00e9\\u20ac\\u0000 \u00e9\u20ac\ud83d\ude00\\n\\\"\\\\\""),
      result("\"x\\ud83d\\ude00 y \\ud800 z \\udc00\""),
      result(
          "[{\"type\":\"text\",\"text\":\"a\u2192b\"},{\"type\":\"text\",\"text\":\"\\ud83d\"}]"),
      result(
          "\"" + "  12\u2192code(\u00e9, \ud83d\ude00)\\n".repeat(6000) + "\\ud83d\\ude00 end\""),
      result("\"" + "x".repeat(70_000) + "\u2192" + "y".repeat(140_000) + "\\t\""),
      result("\"" + "\u00e9".repeat(40_000) + "\\ud83d\\ude00" + "z\\n".repeat(9_000) + "\""),
      // tool inputs, copied as UTF-8 into their compact JSON: every escape Jackson writes back
      // differently (\\/, \\u00e9, lowercase hex), controls, surrogates, nested and long strings
      use(
          "{\"command\":\"a\\/b \\u00e9\\u20ac \\u001f\\u007f \u00e9\ud83d\ude00 \\\"q\\\" \\\\\"}"),
      use("{\"content\":\"x\\ud83d\\ude00y\\ud800\",\"other\":\"\\udc00\\t\"}"),
      use(
          "{\"old_string\":\"\\b\\f\\r\",\"new_string\":\"\\u0000\",\"list\":[\"\\u00e9\",{\"k\":\"v\\n\"}]}"),
      use(
          "{\"content\":\""
              + "line \u2192 \\\"x\\\"\\n".repeat(9_000)
              + "\",\"file_path\":\"/a\"}"),
      use(
          "{\"content\":\""
              + "y".repeat(70_000)
              + "\\u00e9\",\"query\":\""
              + "q".repeat(5000)
              + "\"}"),
    };
    for (String line : lines) {
      agrees(line.getBytes(UTF_8));
    }
    // and the usual ones are read by the scanner itself
    assertThat(agrees(lines[19].getBytes(UTF_8))).isTrue();
    assertThat(agrees(lines[20].getBytes(UTF_8))).isTrue();
    assertThat(agrees(lines[21].getBytes(UTF_8))).isTrue();
    for (int k = lines.length - 11; k < lines.length; k++) {
      // a tool input holding a lone surrogate is left to the reference: its compact JSON is built
      // as UTF-8, which cannot hold one, and the reference's generator writes it as it is
      boolean lone = k == lines.length - 4;
      assertThat(agrees(lines[k].getBytes(UTF_8))).as("line %d", k).isEqualTo(!lone);
    }
  }

  @Test
  void randomTexts_ofEveryEscapeAndWidth_areDigestedAndCopiedAsTheReferenceDoes()
      throws IOException {
    // JSON string pieces: plain ASCII, every escape, raw UTF-8 of two to four bytes, escaped
    // surrogates paired and lone; lengths around the excerpt's limits and the 64 KB pieces
    String[] pieces = {
      "a",
      "code ",
      "\\n",
      "\\t",
      "\\\"",
      "\\\\",
      "\\/",
      "\\u00e9",
      "\\u20AC",
      "\\u001f",
      "\\u0000",
      "\u00e9",
      "\u20ac",
      "\u2192",
      "\ud83d\ude00",
      "\\ud83d\\ude00",
      "\\ud800",
      "\\udc00x"
    };
    int[] lengths = {0, 5, 300, 1_020, 3_070, 4_090, 4_100, 9_000, 70_000};
    Random random = new Random(23);
    int read = 0;
    int expected = 0;
    for (int round = 0; round < 120; round++) {
      StringBuilder text = new StringBuilder();
      int target = lengths[random.nextInt(lengths.length)];
      boolean ascii = random.nextInt(4) == 0; // long plain stretches between the pieces
      boolean lone = false;
      while (text.length() < target) {
        if (ascii || random.nextInt(3) > 0) {
          text.append("x".repeat(1 + random.nextInt(ascii ? 400 : 30)));
        }
        String piece = pieces[random.nextInt(pieces.length)];
        lone |= piece.startsWith("\\ud800") || piece.startsWith("\\udc00");
        text.append(piece);
      }
      boolean result = random.nextBoolean();
      // a tool input with a lone surrogate is left to the reference (see edgeCases)
      expected += result || !lone ? 1 : 0;
      String line =
          result
              ? result("\"" + text + "\"")
              : use(
                  "{\"command\":\""
                      + text
                      + "\",\"content\":\""
                      + text
                      + "\",\"n\":[\""
                      + text
                      + "\"]}");
      if (agrees(line.getBytes(UTF_8))) {
        read++;
      }
    }
    assertThat(read).as("lines the scanner read itself").isEqualTo(expected).isGreaterThan(60);
  }

  @Test
  void invalidUtf8AndControlCharacters_areLeftToTheReference() {
    byte[] badContinuation = {
      '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, 'x', '"', '}'
    };
    assertThatThrownBy(() -> scanner.read(badContinuation, 0, badContinuation.length))
        .isInstanceOf(ClaudeLineScanner.Unsure.class);
    byte[] surrogate = {
      '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
    };
    assertThatThrownBy(() -> scanner.read(surrogate, 0, surrogate.length))
        .isInstanceOf(ClaudeLineScanner.Unsure.class);
  }

  /** An assistant line holding one tool call whose input is the given JSON object. */
  private static String use(String input) {
    return "{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{"
        + "\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Write\",\"input\":"
        + input
        + "}]}}";
  }

  /** A user line holding one tool result whose content is the given JSON. */
  private static String result(String content) {
    return "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":"
        + content
        + "}]}}";
  }

  /**
   * Reads the line with both; if the scanner is sure, asserts the reference read it the same.
   *
   * @return whether the scanner was sure
   */
  private boolean agrees(byte[] line) throws IOException {
    @Nullable String open = readOpen(line);
    ClaudeLine fast;
    try {
      // held in a larger array, at an offset, as JsonLines holds lines
      byte[] held = new byte[line.length + 10];
      System.arraycopy(line, 0, held, 3, line.length);
      held[line.length + 3] = '\n';
      fast = scanner.read(held, 3, line.length + 3);
    } catch (ClaudeLineScanner.Unsure e) {
      assertThat(open).as("read without its end: %s", new String(line, UTF_8)).isNull();
      return false;
    }
    assertThat(open)
        .as("read without its end: %s", new String(line, UTF_8))
        .isEqualTo(describe(fast));
    String reference;
    try (JsonParser p = Json.FACTORY.createParser(line)) {
      reference = describe(ClaudeLineReader.read(p));
    } catch (IOException e) {
      reference = "reference failed: " + e;
    }
    assertThat(describe(fast)).as(new String(line, UTF_8)).isEqualTo(reference);
    return true;
  }

  /**
   * The line read as {@link ClaudeLineScanner#readLine} reads it, from where it starts in a buffer
   * that holds the next line too (as JsonLines.nextStart leaves it); null if the scanner is unsure.
   * Also checks the end it finds is the line break, and that a line cut short is never read.
   */
  private @Nullable String readOpen(byte[] line) {
    byte[] next = "{\"type\":\"user\"}\n{\"x\":".getBytes(UTF_8);
    byte[] buffer = new byte[3 + line.length + 1 + next.length];
    System.arraycopy(line, 0, buffer, 3, line.length);
    buffer[3 + line.length] = '\n';
    System.arraycopy(next, 0, buffer, 4 + line.length, next.length);
    int cut = 3 + line.length / 2; // the line not read whole: unsure, whatever it holds
    assertThatThrownBy(() -> scanner.readLine(buffer, 3, cut))
        .isInstanceOf(ClaudeLineScanner.Unsure.class);
    try {
      String read = describe(scanner.readLine(buffer, 3, buffer.length));
      assertThat(scanner.lineEnd()).isEqualTo(3 + line.length);
      return read;
    } catch (ClaudeLineScanner.Unsure e) {
      return null;
    }
  }

  private static String describe(@Nullable ClaudeLine l) {
    if (l == null) {
      return "blank";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        Arrays.asList(
            l.type,
            l.subtype,
            l.sessionId,
            l.timestamp,
            l.cwd,
            l.gitBranch,
            l.version,
            l.agentId,
            l.isSidechain,
            l.isMeta,
            l.isApiErrorMessage,
            l.isCompactSummary,
            l.requestId,
            l.preTokens,
            l.prUrl,
            l.prNumber,
            l.prRepository,
            l.errorMessage,
            l.retryAttempt,
            l.maxRetries,
            l.hasSessionIdKey,
            l.hasUuidKey,
            l.hasLeafUuidKey,
            l.hasPayloadKey,
            l.messageId,
            l.model,
            text(l.contentText),
            l.hasUsage,
            l.inputTokens,
            l.outputTokens,
            l.cacheCreationTokens,
            l.cacheReadTokens,
            l.ephemeral5m,
            l.ephemeral1h,
            l.thinkingTokens,
            l.hasSpeed));
    for (ClaudeLine.Block b : l.blocks) {
      sb.append("\n block ")
          .append(Arrays.asList(b.type, b.id, b.name, b.toolUseId, b.isError, text(b.text)));
      ToolInput in = b.input;
      if (in != null) {
        sb.append("\n  input ")
            .append(
                Arrays.asList(
                    in.command,
                    in.filePath,
                    in.pattern,
                    in.query,
                    in.url,
                    in.description,
                    in.oldDigest,
                    in.newDigest,
                    in.contentDigest,
                    in.argsDigest,
                    in.argsExcerpt.get()));
        for (String[] e : in.edits) {
          sb.append("\n  edit ").append(Arrays.toString(e));
        }
      }
    }
    return sb.toString();
  }

  private static String text(@Nullable TextDigest d) {
    return d == null ? "null" : d.length() + "/" + d.digest() + "/" + d.excerpt();
  }

  private static byte[] mutate(byte[] line, Random random, byte[] alphabet) {
    int at = random.nextInt(line.length + 1);
    byte b = alphabet[random.nextInt(alphabet.length)];
    return switch (random.nextInt(4)) {
      case 0 -> { // insert
        byte[] out = new byte[line.length + 1];
        System.arraycopy(line, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(line, at, out, at + 1, line.length - at);
        yield out;
      }
      case 1 -> { // delete
        if (at == line.length) {
          yield line;
        }
        byte[] out = new byte[line.length - 1];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(line, at + 1, out, at, line.length - at - 1);
        yield out;
      }
      case 2 -> { // replace
        if (at == line.length) {
          yield line;
        }
        byte[] out = line.clone();
        out[at] = b;
        yield out;
      }
      default -> Arrays.copyOf(line, at); // truncate
    };
  }

  private static List<byte[]> sampleLines() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    Path root = Samples.resource("samples/claude-code");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        byte[] all = Files.readAllBytes(f);
        int start = 0;
        for (int k = 0; k <= all.length; k++) {
          if (k == all.length || all[k] == '\n') {
            if (k > start) {
              lines.add(Arrays.copyOfRange(all, start, k));
            }
            start = k + 1;
          }
        }
      }
    }
    return lines;
  }
}
