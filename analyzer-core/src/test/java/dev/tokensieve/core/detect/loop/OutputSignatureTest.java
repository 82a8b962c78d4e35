package dev.tokensieve.core.detect.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

final class OutputSignatureTest {
  @Test
  void of_outputsDifferingInDigitsAndSpacing_areEqual() {
    assertThat(OutputSignature.of("1 failed in 0.21s\n"))
        .isEqualTo(OutputSignature.of("3 failed  in 12.9s \t\n"));
  }

  @Test
  void of_outputsDifferingInWords_differ() {
    assertThat(OutputSignature.of("1 failed")).isNotEqualTo(OutputSignature.of("1 passed"));
  }

  @Test
  void of_everyCharacter_agreesWithTheReference() {
    for (char ch = 0; ch < Character.MAX_VALUE; ch++) {
      String text = "a" + ch + "b" + ch + ch;
      assertThat(OutputSignature.of(text))
          .as("U+%04X", (int) ch)
          .isEqualTo(OutputSignature.ofSimple(text));
    }
  }

  @Test
  void of_anyText_agreesWithTheReference() {
    char[] alphabet = {
      'a', 'Z', '0', '9', ' ', '\t', '\n', '\r', '\u001C', '\u001F', '\u007F', '\u0085', '\u00A0',
      '\u2003', '\u2028', '\u3000', '#', '…'
    };
    Random random = new Random(3);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(300);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      assertThat(OutputSignature.of(text)).as(text).isEqualTo(OutputSignature.ofSimple(text));
    }
  }

  @Test
  void head_ofEverySymbol_isTheSignature() {
    assertThat(OutputSignature.head("12 ab  c", Integer.MAX_VALUE))
        .isEqualTo(OutputSignature.of("12 ab  c"));
    assertThat(OutputSignature.head("12 ab  c", 4)).isEqualTo(OutputSignature.of("7 ab"));
  }

  /*
   * RetryLoopDetector compares heads before signatures: that gives the same answer as the
   * signatures alone only if equal signatures always have equal heads.
   */
  @Test
  void head_outputsWithEqualSignatures_haveEqualHeads() {
    char[] alphabet = {'a', 'b', '0', '7', ' ', '\t', '\n'};
    Random random = new Random(9);
    int equal = 0;
    for (int n = 0; n < 200_000; n++) {
      String a = text(random, alphabet, random.nextInt(12));
      String b = text(random, alphabet, random.nextInt(12));
      int symbols = random.nextInt(8);
      boolean sameSignature = OutputSignature.of(a) == OutputSignature.of(b);
      if (sameSignature) {
        equal++;
        assertThat(OutputSignature.head(a, symbols))
            .as("%s / %s", a, b)
            .isEqualTo(OutputSignature.head(b, symbols));
      }
    }
    assertThat(equal).isGreaterThan(1_000); // the alphabet makes equal signatures common
  }

  private static String text(Random random, char[] alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }
}
