package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Texts;
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
}
