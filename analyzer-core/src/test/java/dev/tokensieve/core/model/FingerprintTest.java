package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  @Test
  void isAHashOfTheUtf8Bytes_fedAsBytesOrCharacters_inAnyPieces() {
    SplittableRandom rnd = new SplittableRandom(13);
    String[] specials = {"é", "€", "\u2192", "😀", "\n", "\u0000", "\u07ff", "\uffff"};
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(rnd.nextBoolean() ? 20 : 3000);
      while (sb.length() < n) {
        sb.append(
            rnd.nextInt(5) == 0
                ? specials[rnd.nextInt(specials.length)]
                : String.valueOf((char) ('a' + rnd.nextInt(26))));
      }
      String s = sb.toString();
      long reference = new Fingerprint().add(s).value();
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      assertThat(new Fingerprint().addUtf8(utf8, 0, utf8.length).value()).isEqualTo(reference);
      // pieces cut at character boundaries, each fed as UTF-8 bytes or as characters
      Fingerprint mixed = new Fingerprint();
      for (int at = 0; at < s.length(); ) {
        int to = Math.min(s.length(), at + 1 + rnd.nextInt(40));
        if (to < s.length() && Character.isLowSurrogate(s.charAt(to))) {
          to++;
        }
        String piece = s.substring(at, to);
        if (rnd.nextBoolean()) {
          byte[] b = piece.getBytes(StandardCharsets.UTF_8);
          byte[] padded = new byte[b.length + 9];
          System.arraycopy(b, 0, padded, 4, b.length);
          mixed.addUtf8(padded, 4, b.length);
        } else {
          mixed.add(piece.toCharArray(), 0, piece.length());
        }
        at = to;
      }
      assertThat(mixed.value()).isEqualTo(reference);
    }
  }

  @Test
  void loneSurrogates_haveTheirOwnFingerprints_whereverTheyAreCut() {
    String[] texts = {
      "a\uD800b",
      "a\uDC00b",
      "a\uFFFDb",
      "ab",
      "\uD83D\uDE00",
      "\uDE00\uD83D",
      "\uD83D",
      "\uDE00",
      ""
    };
    Set<Long> prints = new HashSet<>();
    for (String t : texts) {
      long whole = new Fingerprint().add(t).value();
      prints.add(whole);
      for (int cut = 0; cut <= t.length(); cut++) { // a high half at the end of one piece
        Fingerprint f = new Fingerprint();
        f.add(t.substring(0, cut).toCharArray(), 0, cut);
        f.add(t.substring(cut));
        assertThat(f.value()).isEqualTo(whole);
      }
    }
    assertThat(prints).hasSize(texts.length);
    // a high half left waiting, then UTF-8 bytes: the half was alone
    Fingerprint f = new Fingerprint().add('\uD800');
    byte[] x = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(f.addUtf8(x, 0, 1).value()).isEqualTo(new Fingerprint().add("\uD800x").value());
  }
}
