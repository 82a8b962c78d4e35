package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Texts;
import java.nio.charset.StandardCharsets;
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

  /** A well-formed text, often with four-byte characters, to cut heads and tails inside them. */
  private static String wellFormed(SplittableRandom random, int n, boolean ascii) {
    int every = random.nextBoolean() ? 4 : 40; // dense, or long ASCII stretches between them
    String[] specials =
        ascii ? new String[] {"\n", "\u0000", "\""} : new String[] {"é", "€", "\u2192", "😀", "\n"};
    StringBuilder sb = new StringBuilder(n + 2);
    while (sb.length() < n) {
      if (random.nextInt(every) == 0) {
        sb.append(specials[random.nextInt(specials.length)]);
      } else {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }

  @Test
  void utf8Pieces_equalThePerCharacterReference_mixedWithCharChunks() {
    SplittableRandom random = new SplittableRandom(9);
    for (int round = 0; round < 400; round++) {
      StringBuilder text = new StringBuilder();
      TextDigest mixed = new TextDigest();
      int pieces = 1 + random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        int kind = random.nextInt(3);
        int n = random.nextInt(kind == 0 ? 40 : kind == 1 ? 4200 : 12_000);
        boolean ascii = random.nextInt(3) == 0;
        String piece = wellFormed(random, n, ascii);
        if (random.nextInt(4) == 0) { // characters, lone surrogates among them
          char[] chars = (piece + (random.nextBoolean() ? "\uD800" : "\uDC00")).toCharArray();
          mixed.write(chars, 0, chars.length);
          text.append(chars);
        } else { // UTF-8 bytes, at an offset in a larger array
          byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
          byte[] line = new byte[utf8.length + 7];
          System.arraycopy(utf8, 0, line, 3, utf8.length);
          mixed.writeUtf8(line, 3, utf8.length, piece.length(), ascii);
          text.append(piece);
        }
      }
      TextDigest reference = TextDigest.of(text);
      assertThat(mixed.length()).isEqualTo(reference.length());
      assertThat(mixed.head()).isEqualTo(reference.head());
      assertThat(mixed.head(5)).isEqualTo(reference.head(5));
      assertThat(mixed.head(2000)).isEqualTo(reference.head(2000));
      assertThat(mixed.excerpt()).isEqualTo(reference.excerpt());
      assertThat(mixed.digest()).isEqualTo(reference.digest());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1023, 1024, 1025, 3061, 3062, 3063, 3064, 4095, 4096, 4097, 5000})
  void utf8_cutsAFourByteCharacter_atTheHeadAndTailEnds_likeTheReference(int at) {
    // a four-byte character's halves on either side of the head's end and of the tail's start
    for (int shift = 0; shift < 3; shift++) {
      String text = "a".repeat(at - 1 + shift) + "😀" + "b".repeat(at) + "😀" + "c".repeat(shift);
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      TextDigest d = new TextDigest();
      d.writeUtf8(utf8, 0, utf8.length, text.length(), false);
      assertThat(d.excerpt()).isEqualTo(Texts.excerpt(text));
      assertThat(d.head()).isEqualTo(TextDigest.of(text).head());
      assertThat(d.head(at)).isEqualTo(TextDigest.of(text).head(at));
      assertThat(d.digest()).isEqualTo(Texts.digest(text));
      for (int tail = 1; tail < 8; tail++) { // and the tail cut in a later piece
        String more = "d".repeat(3000 + tail) + "😀" + "e".repeat(tail);
        byte[] next = more.getBytes(StandardCharsets.UTF_8);
        TextDigest two = new TextDigest();
        two.writeUtf8(utf8, 0, utf8.length, text.length(), false);
        two.writeUtf8(next, 0, next.length, more.length(), false);
        assertThat(two.excerpt()).isEqualTo(Texts.excerpt(text + more));
        assertThat(two.digest()).isEqualTo(Texts.digest(text + more));
      }
    }
  }

  @Test
  void aLongTextInOnePiece_keepsEnoughBytesForItsHead_atThreeBytesACharacter() {
    // the head's last character is the high half of a four-byte one after 4,095 three-byte ones
    String text = "€".repeat(4095) + "😀" + "x".repeat(5000) + "€";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    TextDigest d = new TextDigest();
    d.writeUtf8(utf8, 0, utf8.length, text.length(), false);
    TextDigest reference = TextDigest.of(text);
    assertThat(d.head()).isEqualTo(reference.head()).endsWith("\uD83D");
    assertThat(d.excerpt()).isEqualTo(reference.excerpt());
    d.write('!'); // then more: the head and the ring are rebuilt from what was kept
    assertThat(d.excerpt()).isEqualTo(TextDigest.of(text + "!").excerpt());
    assertThat(d.head()).isEqualTo(reference.head());
    assertThat(d.digest()).isEqualTo(Texts.digest(text + "!"));
  }

  @Test
  void excerptLater_givesTheExcerptOfTheTextSoFar_inEveryForm() {
    SplittableRandom random = new SplittableRandom(31);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(random.nextBoolean() ? 5000 : 12_000);
      String text = wellFormed(random, n, random.nextInt(3) == 0);
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      TextDigest d = new TextDigest();
      boolean ascii = text.chars().allMatch(c -> c < 0x80);
      if (random.nextBoolean()) {
        d.writeUtf8(utf8, 0, utf8.length, text.length(), ascii); // one piece, kept as UTF-8
      } else {
        d.write(text.toCharArray(), 0, text.length()); // characters
      }
      java.util.function.Supplier<String> later = d.excerptLater();
      d.write('!'); // written after: the excerpt asked for earlier is of the text before it
      assertThat(later.get()).isEqualTo(Texts.excerpt(text)).isEqualTo(later.get());
      assertThat(d.excerpt()).isEqualTo(Texts.excerpt(text + "!"));
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
