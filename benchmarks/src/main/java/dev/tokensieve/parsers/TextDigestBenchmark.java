package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Texts;
import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TextDigest} over a 1 MiB tool output, fed as Jackson feeds it (char[] segments of 8000
 * characters): the chunked fast path against the per-character reference it replaced, and against
 * materialising the whole text as a String for {@link Texts}. One operation is one MiB, so ops/s is
 * MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextDigestBenchmark {
  private static final int SEGMENT = 8000; // Jackson's TextBuffer segments are about this size

  /** ascii: a shell log; mixed: one character in 20 is non-ASCII (accents, emoji). */
  @Param({"ascii", "mixed"})
  public String text;

  private char[] chars;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder sb = new StringBuilder(1 << 20);
    String[] odd = {"é", "€", "😀", "ü"};
    while (sb.length() < 1 << 20) {
      if (text.equals("mixed") && random.nextInt(20) == 0) {
        sb.append(odd[random.nextInt(odd.length)]);
      } else if (random.nextInt(60) == 0) {
        sb.append('\n');
      } else {
        sb.append((char) (' ' + random.nextInt(95)));
      }
    }
    chars = sb.substring(0, 1 << 20).toCharArray();
  }

  @Benchmark
  public String chunked() {
    TextDigest d = new TextDigest();
    for (int i = 0; i < chars.length; i += SEGMENT) {
      d.write(chars, i, Math.min(SEGMENT, chars.length - i));
    }
    return d.digest() + d.excerpt();
  }

  @Benchmark
  public String perCharacterReference() {
    TextDigest d = new TextDigest();
    d.append(CharBuffer.wrap(chars)); // append(CharSequence) is the per-character path
    return d.digest() + d.excerpt();
  }

  @Benchmark
  public String wholeString() {
    String s = new String(chars);
    return Texts.digest(s) + Texts.excerpt(s);
  }

  /** The engine TextDigest used to look up per text, against the clone it now makes. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public MessageDigest sha256GetInstance() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TextDigest newTextDigest() {
    return new TextDigest();
  }
}
