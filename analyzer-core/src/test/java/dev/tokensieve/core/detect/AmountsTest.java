package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void usd_cents_orFourDecimalsBelowACent() {
    assertThat(Amounts.usd(1.234)).isEqualTo("$1.23");
    assertThat(Amounts.usd(0.0042)).isEqualTo("$0.0042");
    assertThat(Amounts.usd(0)).isEqualTo("$0.00");
    assertThat(Amounts.usd(0.00999999)).isEqualTo("$0.0100");
    assertThat(Amounts.usd(1234567.891)).isEqualTo("$1234567.89");
  }

  @Test
  void fixed_otherDecimals_areRefused() {
    assertThatThrownBy(() -> Amounts.fixed(1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("decimals must be 2 or 4, was 3");
  }

  @Test
  void usd_anyAmount_agreesWithTheFormatterReference() {
    Random random = new Random(11);
    for (int n = 0; n < 200_000; n++) {
      double usd;
      switch (n % 5) {
        case 0:
          usd = random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
          break;
        case 1: // halves and near halves of a cent or of a hundredth of a cent
          usd = (random.nextInt(100_000) + 0.5) / (n % 2 == 0 ? 100 : 10_000);
          break;
        case 2: // prices times token counts, as detectors compute them
          usd = random.nextInt(2_000_000) * 3e-6 + random.nextInt(50_000) * 1.5e-5;
          break;
        case 3:
          usd = Math.nextAfter((random.nextInt(10_000) + 0.5) / 100, random.nextBoolean() ? 1 : -1);
          break;
        default:
          usd = random.nextInt(10_000) / 100.0;
      }
      assertThat(Amounts.usd(usd)).as("usd of %s", usd).isEqualTo(Amounts.usdByFormatter(usd));
      assertThat(Amounts.fixed(usd * 7, 2)).isEqualTo(Amounts.fixedByFormatter(usd * 7, 2));
      assertThat(Amounts.fixed(usd / 3, 4)).isEqualTo(Amounts.fixedByFormatter(usd / 3, 4));
    }
    for (double usd :
        new double[] {-0.0, -0.001, -3.456, Double.NaN, 1e300, Double.MIN_VALUE, 0.005}) {
      assertThat(Amounts.usd(usd)).as("usd of %s", usd).isEqualTo(Amounts.usdByFormatter(usd));
    }
  }
}
