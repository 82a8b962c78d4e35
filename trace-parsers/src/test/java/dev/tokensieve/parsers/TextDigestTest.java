package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Texts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TextDigestTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, 7000, 100_003})
  void digestAndExcerpt_equalTextsOfTheWhole_fedInPieces(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < length; i++) {
      sb.append(i % 7 == 0 ? "é😀\n" : Integer.toString(i));
    }
    String text = sb.substring(0, length);
    TextDigest d = new TextDigest();
    for (int i = 0; i < text.length(); i += 333) {
      char[] piece = text.substring(i, Math.min(text.length(), i + 333)).toCharArray();
      d.write(piece, 0, piece.length);
    }
    assertThat(d.length()).isEqualTo(length);
    assertThat(d.excerpt()).isEqualTo(Texts.excerpt(text));
    assertThat(d.digest()).isEqualTo(Texts.digest(text));
  }

  @Test
  void bulkWrites_equalThePerCharacterReference_withSurrogatesSplitAcrossChunks() {
    SplittableRandom random = new SplittableRandom(7);
    char[] alphabet = {'a', 'Z', '\n', '"', 'é', '€', '\uD83D', '\uDE00', '\uDC00', '\uD800', 0};
    for (int round = 0; round < 200; round++) {
      char[] text = new char[random.nextInt(20_000)];
      for (int i = 0; i < text.length; i++) {
        text[i] =
            random.nextInt(4) == 0
                ? alphabet[random.nextInt(alphabet.length)]
                : (char) ('a' + random.nextInt(26));
      }
      TextDigest bulk = new TextDigest();
      for (int i = 0; i < text.length; ) {
        int n = Math.min(text.length - i, random.nextInt(9_000));
        bulk.write(text, i, n);
        i += n;
      }
      TextDigest reference = TextDigest.of(new String(text));
      assertThat(bulk.length()).isEqualTo(reference.length());
      assertThat(bulk.head()).isEqualTo(reference.head());
      assertThat(bulk.excerpt()).isEqualTo(reference.excerpt());
      assertThat(bulk.digest()).isEqualTo(reference.digest());
    }
  }

  @Test
  void asciiBytes_equalThePerCharacterReference_mixedWithCharChunks() {
    SplittableRandom random = new SplittableRandom(9);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      TextDigest mixed = new TextDigest();
      int pieces = random.nextInt(12);
      for (int p = 0; p < pieces; p++) {
        int n = random.nextInt(random.nextBoolean() ? 30 : 6000);
        if (random.nextBoolean()) {
          byte[] bytes = new byte[n + 5];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (32 + random.nextInt(95));
          }
          mixed.writeAscii(bytes, 3, n);
          text.append(new String(bytes, 3, n, java.nio.charset.StandardCharsets.US_ASCII));
        } else {
          char[] chars = new char[n];
          for (int i = 0; i < n; i++) {
            chars[i] = random.nextInt(5) == 0 ? 'é' : (char) ('a' + random.nextInt(26));
          }
          mixed.write(chars, 0, n);
          text.append(chars);
        }
      }
      TextDigest reference = TextDigest.of(text);
      assertThat(mixed.length()).isEqualTo(reference.length());
      assertThat(mixed.head()).isEqualTo(reference.head());
      assertThat(mixed.excerpt()).isEqualTo(reference.excerpt());
      assertThat(mixed.digest()).isEqualTo(reference.digest());
    }
  }

  @Test
  void aTextGivenWhole_equalsThePerCharacterReference_andTakesMoreAfter() {
    SplittableRandom random = new SplittableRandom(17);
    for (int round = 0; round < 400; round++) {
      int n = random.nextInt(random.nextBoolean() ? 50 : 9000); // below and above the limit
      char[] chars = new char[n + 4];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = random.nextInt(7) == 0 ? '\u2192' : (char) ('a' + random.nextInt(26));
      }
      TextDigest whole = new TextDigest();
      whole.writeWhole(chars, 2, n);
      StringBuilder text = new StringBuilder().append(chars, 2, n);
      if (random.nextBoolean()) { // more after it: a separator, chars, ASCII bytes, another whole
        whole.write('\n');
        whole.writeWhole(chars, 0, 3);
        whole.writeAscii(new byte[] {'o', 'k'}, 0, 2);
        text.append('\n').append(chars, 0, 3).append("ok");
      }
      TextDigest reference = TextDigest.of(text);
      assertThat(whole.length()).isEqualTo(reference.length());
      assertThat(whole.head()).isEqualTo(reference.head());
      assertThat(whole.head(5)).isEqualTo(reference.head(5));
      assertThat(whole.excerpt()).isEqualTo(reference.excerpt());
      assertThat(whole.digest()).isEqualTo(reference.digest());
    }
  }

  @Test
  void perCharacterReference_equalsTextsOfTheWhole() {
    String text = "x".repeat(5000) + "é😀\uD800y" + "z".repeat(5000);
    TextDigest d = TextDigest.of(text);
    assertThat(d.excerpt()).isEqualTo(Texts.excerpt(text));
    assertThat(d.digest()).isEqualTo(Texts.digest(text));
  }
}
