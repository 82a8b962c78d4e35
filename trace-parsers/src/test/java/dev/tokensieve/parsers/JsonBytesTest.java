package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class JsonBytesTest {
  @Test
  void wordSearches_equalThePlainLoops_atEveryStartAndEnd() {
    Random random = new Random(3);
    // the special bytes and their neighbours, in and out of ASCII
    byte[] specials =
        "\n\"\\\u0000\u001F !#[]\u007F\u0080\u00A2\u00DC\u009F\u00C3\u00FF"
            .getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 300; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] =
            random.nextInt(6) == 0
                ? specials[random.nextInt(specials.length)]
                : (byte) ('a' + random.nextInt(26));
      }
      for (int from = 0; from <= b.length; from++) {
        for (int to = from; to <= b.length; to++) {
          assertThat(JsonBytes.indexOfNewline(b, from, to))
              .isEqualTo(indexOf(b, from, to, (byte) '\n'));
          for (byte target : specials) {
            assertThat(JsonBytes.indexOf(b, from, to, target))
                .isEqualTo(indexOf(b, from, to, target));
          }
          assertThat(JsonBytes.endOfPlainRun(b, from, to)).isEqualTo(plainEnd(b, from, to));
        }
      }
    }
  }

  @Test
  void firstMarked_isTheLowestMarkedBytesIndex_forEveryMarkSet() {
    for (int set = 1; set < 256; set++) {
      long marks = 0;
      for (int k = 0; k < 8; k++) {
        if ((set & 1 << k) != 0) {
          marks |= 0x80L << (8 * k);
        }
      }
      assertThat(JsonBytes.firstMarked(marks)).isEqualTo(Long.numberOfTrailingZeros(marks) >>> 3);
    }
  }

  @Test
  void word_holdsTheGivenBytesLowFirst_evenAtTheArraysEnd() {
    Random random = new Random(5);
    for (int size = 0; size < 20; size++) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      for (int at = 0; at <= size; at++) {
        for (int len = 0; len <= Math.min(8, size - at); len++) {
          long expected = 0;
          for (int k = 0; k < len; k++) {
            expected |= (b[at + k] & 0xFFL) << (8 * k);
          }
          assertThat(JsonBytes.word(b, at, len)).isEqualTo(expected);
        }
      }
    }
  }

  private static int indexOf(byte[] b, int from, int to, byte target) {
    for (int i = from; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  private static int plainEnd(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xFF;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
        return i;
      }
    }
    return to;
  }
}
