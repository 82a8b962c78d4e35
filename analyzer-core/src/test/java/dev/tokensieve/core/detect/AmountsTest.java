package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

final class AmountsTest {
  @Test
  void quote_multiLineCommand_isOneLineInBackticks() {
    assertThat(Amounts.quote("  cd src &&\n\tpytest  -x \r\n")).isEqualTo("`cd src && pytest -x`");
  }

  @Test
  void quote_longText_isCutWithAnEllipsis() {
    String quoted = Amounts.quote("x".repeat(200));

    assertThat(quoted).isEqualTo("`" + "x".repeat(Amounts.QUOTE_LIMIT - 1) + "…`");
  }

  @Test
  void quote_textOfExactlyTheLimit_isNotCut() {
    String text = "a b".repeat(Amounts.QUOTE_LIMIT / 3) + "cd";

    assertThat(Amounts.quote(text)).isEqualTo("`" + text + "`");
  }

  @Test
  void quote_anyText_agreesWithTheRegexReference() {
    // Unicode spaces that strip() removes but \s does not match, and the other way round
    char[] alphabet = {
      'a', 'b', '1', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u001C', '\u00A0', '\u2003',
      '\u2028', '…', '\uD83D', '\uDE00'
    };
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 400 : 100);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      assertThat(Amounts.quote(text)).as("quote of %s", text).isEqualTo(Amounts.quoteByRegex(text));
    }
  }
}
