package dev.tokensieve.parsers.claude;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParser;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Claude Code transcript line, a tool result of about 300 KB in the shape Claude Code writes (a
 * Read output: numbered lines, {@code →} and {@code \n} escapes, the output repeated in {@code
 * toolUseResult}), read by the byte scanner against the Jackson reference it replaced. One
 * operation is one line (its size is printed; ops/s times it is bytes/s). {@code C1}: the client
 * JIT bin/tokensieve runs one-shot commands with; {@code C2}: the default tiered JIT.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClaudeLineBenchmark {
  private byte[] line;
  private final ClaudeLineScanner scanner = new ClaudeLineScanner();

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder output = new StringBuilder();
    String[] words = {"if", "let", "buffer", "self.parser", "Ok(", "retry", "=>", "{", "}", ";"};
    for (int n = 1; output.length() < 300_000; n++) {
      output.append(String.format("%6d\\u2192", n));
      for (int w = random.nextInt(12); w > 0; w--) {
        output.append(words[random.nextInt(words.length)]).append(' ');
      }
      output.append("\\n");
    }
    String text = output.toString().replace("\\u2192", "→");
    String json =
        "{\"parentUuid\":\"1deb6ad6-5655-43e8-b38e-f88493d89533\",\"isSidechain\":false,"
            + "\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":"
            + "\"toolu_01o0YSJCCVWwoLLYiggPbZBb\",\"type\":\"tool_result\",\"content\":\""
            + text
            + "\"}]},\"uuid\":\"2aeb6ad6-5655-43e8-b38e-f88493d89533\","
            + "\"timestamp\":\"2026-09-02T09:30:35.706Z\",\"toolUseResult\":{\"type\":\"text\","
            + "\"file\":{\"filePath\":\"/src/lib.rs\",\"content\":\""
            + text
            + "\"}},\"sessionId\":\"653b0bec-0b6f-4fe9-a974-9ecd64af7567\"}";
    line = json.getBytes(UTF_8);
    System.out.printf("line of %,d bytes%n", line.length);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
  public ClaudeLine scannerC1() throws ClaudeLineScanner.Unsure {
    return scanner.read(line, 0, line.length);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
  public ClaudeLine jacksonReferenceC1() throws IOException {
    return jackson();
  }

  @Benchmark
  @Fork(1)
  public ClaudeLine scannerC2() throws ClaudeLineScanner.Unsure {
    return scanner.read(line, 0, line.length);
  }

  @Benchmark
  @Fork(1)
  public ClaudeLine jacksonReferenceC2() throws IOException {
    return jackson();
  }

  private ClaudeLine jackson() throws IOException {
    try (JsonParser p = Json.FACTORY.createParser(line)) {
      ClaudeLine l = ClaudeLineReader.read(p);
      if (l == null) {
        throw new IllegalStateException("blank line");
      }
      return l;
    }
  }
}
