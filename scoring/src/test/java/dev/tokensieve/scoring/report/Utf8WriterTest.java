package dev.tokensieve.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class Utf8WriterTest {
  /** ASCII, two- and three-byte characters, and both halves of a surrogate pair. */
  private static final char[] ALPHABET = {
    'a', '"', '\n', '\u00e9', '\u00df', '\u4e2d', '\uFFFD', '\uD83D', '\uDE00'
  };

  @Test
  void write_givesAUtf8WritersBytes_forTextCutAnywhere() throws IOException {
    long seed = 0x5EED_0011L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 2_000; round++) {
      char[] text = new char[random.nextInt(1, 3_000)];
      for (int i = 0; i < text.length; i++) {
        text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      try (Writer reference = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
          Writer fast = new Utf8Writer(actual)) {
        for (int at = 0; at < text.length; ) {
          int len = Math.min(text.length - at, random.nextInt(1, 600));
          String part = new String(text, at, len);
          if (random.nextBoolean()) {
            reference.write(text, at, len);
            fast.write(text, at, len);
          } else {
            reference.write(part);
            fast.write(part);
          }
          at += len;
        }
      }

      assertThat(actual.toByteArray())
          .as("seed=%d round=%d", seed, round)
          .isEqualTo(expected.toByteArray());
    }
  }
}
