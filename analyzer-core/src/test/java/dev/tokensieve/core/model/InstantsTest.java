package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class InstantsTest {
  @Test
  void parse_whatInstantWrites_agreesWithInstantParse() {
    Random random = new Random(17);
    for (int n = 0; n < 100_000; n++) {
      long seconds = random.nextLong() % 253_402_300_799L; // up to 9999-12-31T23:59:59Z
      int nanos;
      switch (n % 4) {
        case 0:
          nanos = 0;
          break;
        case 1:
          nanos = random.nextInt(1_000) * 1_000_000;
          break;
        case 2:
          nanos = random.nextInt(1_000_000) * 1_000;
          break;
        default:
          nanos = random.nextInt(1_000_000_000);
      }
      String text = Instant.ofEpochSecond(Math.abs(seconds), nanos).toString();

      assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void parse_otherShapes_agreeWithInstantParse() {
    String[] texts = {
      "2026-09-01T09:00:00Z",
      "2026-09-01T09:00:00.5Z",
      "2026-09-01T09:00:00.123456789Z",
      "2026-09-01t09:00:00z",
      "2026-09-01T23:59:60Z",
      "2024-02-29T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "+12026-09-01T09:00:00Z",
      "2026-09-01T09:00:00+01:00"
    };
    for (String text : texts) {
      assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void parse_badOrOddText_throwsOrReadsAsInstantParseDoes() {
    String[] texts = {
      "2026-02-30T09:00:00Z",
      "2026-13-01T09:00:00Z",
      "2026-09-01T24:00:00Z",
      "2026-09-01T09:60:00Z",
      "2026-09-01T09:00:00.Z",
      "2026-09-01T09:00:00.1234567890Z",
      "2026-09-0xT09:00:00Z",
      "2026-09-01 09:00:00Z",
      "",
      "yesterday"
    };
    for (String text : texts) {
      assertThat(outcome(() -> Instants.parse(text)))
          .as(text)
          .isEqualTo(outcome(() -> Instant.parse(text)));
    }
    assertThatThrownBy(() -> Instants.parse("2026-02-30T09:00:00Z"))
        .isInstanceOf(DateTimeException.class);
  }

  /** The instant read, or the class of what was thrown. */
  private static Object outcome(Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return RuntimeException.class;
    }
  }
}
