package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FingerprintTest {
  private static String text(SplittableRandom rnd, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) (rnd.nextInt(10) == 0 ? 0x4e00 + rnd.nextInt(500) : 32 + rnd.nextInt(95)));
    }
    return b.toString();
  }

  @Test
  void chunkedAndWhole_giveTheSameFingerprint() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 50; round++) {
      String s = text(rnd, rnd.nextInt(5000));
      char[] chars = s.toCharArray();
      Fingerprint chunked = new Fingerprint();
      for (int at = 0; at < chars.length; ) {
        int n = Math.min(chars.length - at, 1 + rnd.nextInt(700));
        if (rnd.nextBoolean()) {
          chunked.add(chars, at, n);
        } else {
          for (int i = at; i < at + n; i++) {
            chunked.add(chars[i]);
          }
        }
        at += n;
      }
      assertThat(chunked.hex()).isEqualTo(new Fingerprint().add(s).hex()).hasSize(16);
    }
  }

  @Test
  void latin1Bytes_giveTheFingerprintOfTheirCharacters_atAnyOffsetAndChunking() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int round = 0; round < 200; round++) {
      byte[] bytes = new byte[rnd.nextInt(600)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (rnd.nextInt(8) == 0 ? 0x80 + rnd.nextInt(128) : 32 + rnd.nextInt(95));
      }
      Fingerprint reference = new Fingerprint();
      for (byte b : bytes) {
        reference.add((char) (b & 0xFF));
      }
      Fingerprint mixed = new Fingerprint();
      for (int at = 0; at < bytes.length; ) {
        int n = Math.min(bytes.length - at, 1 + rnd.nextInt(13));
        if (rnd.nextBoolean()) {
          mixed.addLatin1(bytes, at, n);
        } else {
          char[] chars = new char[n];
          for (int i = 0; i < n; i++) {
            chars[i] = (char) (bytes[at + i] & 0xFF);
          }
          mixed.add(chars, 0, n);
        }
        at += n;
      }
      assertThat(mixed.value()).isEqualTo(reference.value());
      assertThat(new Fingerprint().addLatin1(bytes, 0, bytes.length).value())
          .isEqualTo(reference.value());
    }
  }

  @Test
  void oneChangedCharacter_flipsAboutHalfTheBits() {
    SplittableRandom rnd = new SplittableRandom(11);
    long flipped = 0;
    int trials = 2000;
    for (int t = 0; t < trials; t++) {
      char[] chars = text(rnd, 1 + rnd.nextInt(300)).toCharArray();
      long before = new Fingerprint().add(chars, 0, chars.length).value();
      int at = rnd.nextInt(chars.length);
      chars[at] = (char) (chars[at] ^ (1 << rnd.nextInt(7)));
      long after = new Fingerprint().add(chars, 0, chars.length).value();
      assertThat(after).isNotEqualTo(before);
      flipped += Long.bitCount(before ^ after);
    }
    assertThat(flipped / (double) trials).isBetween(30.0, 34.0);
  }

  @Test
  void manyDistinctTexts_haveDistinctFingerprints_includingPermutationsAndPrefixes() {
    SplittableRandom rnd = new SplittableRandom(3);
    Set<String> texts = new HashSet<>();
    Set<String> prints = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String t = text(rnd, 1 + rnd.nextInt(40));
      texts.add(t);
      prints.add(new Fingerprint().add(t).hex());
    }
    assertThat(prints).hasSameSizeAs(texts);
    assertThat(Texts.digest("ab")).isNotEqualTo(Texts.digest("ba"));
    assertThat(Texts.digest("a")).isNotEqualTo(Texts.digest("a\u0000"));
    assertThat(Texts.digest("")).isNotEqualTo(Texts.digest("\u0000"));
  }
}
