package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path of {@link Instants} on the trace shape and around it (see also InstantsTest). */
final class InstantsFastPathTest {
  @Test
  void parse_equalsInstantParse_onTheCommonShapeAndItsNeighbours() {
    List<String> inputs =
        new ArrayList<>(
            List.of(
                "2025-06-01T10:00:00Z",
                "2025-06-01T10:00:00.1Z",
                "2025-06-01T10:00:00.123Z",
                "2025-06-01T10:00:00.123456789Z",
                "2024-02-29T23:59:59.999Z",
                "1970-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "2025-06-01T10:00:00+02:00",
                "2025-06-01t10:00:00z",
                "2025-06-01T10:00:00.Z",
                "2025-06-01T10:00:00.1234567890Z",
                "2023-02-29T00:00:00Z",
                "2025-13-01T00:00:00Z",
                "2025-06-31T00:00:00Z",
                "2025-06-01T24:00:00Z",
                "2025-06-01T10:60:00Z",
                "2016-12-31T23:59:60Z",
                "2025-06-01 10:00:00Z",
                "2025-6-01T10:00:00Z",
                "+2025-06-01",
                "2025-06-01T10:00:00,5Z",
                "2025-06-01T1a:00:00Z",
                "",
                "Z"));
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              random.nextLong(-2_000_000_000L, 40_000_000_000L), random.nextInt(1_000_000_000));
      String s = t.toString();
      inputs.add(s);
      inputs.add(s.substring(0, random.nextInt(s.length())) + "Z"); // cut: mostly invalid
    }
    for (String s : inputs) {
      Object expected = outcome(s, true);
      assertThat(outcome(s, false)).as(s).isEqualTo(expected);
    }
  }

  @Test
  void fast_recognisesTheShapeAgentsWrite() {
    assertThat(Instants.fast("2025-06-01T10:00:00.123Z"))
        .isEqualTo(Instant.parse("2025-06-01T10:00:00.123Z"));
    assertThat(Instants.fast("2025-06-01T10:00:00+02:00")).isNull();
  }

  @Test
  void parse_badTimestamp_failsAsInstantParseDoes() {
    assertThatThrownBy(() -> Instants.parse("2025-02-30T00:00:00Z"))
        .isInstanceOf(DateTimeException.class)
        .hasMessageContaining("2025-02-30T00:00:00Z");
  }

  /** The instant, or the exception's class and message. */
  private static Object outcome(String s, boolean reference) {
    try {
      return reference ? Instant.parse(s) : Instants.parse(s);
    } catch (DateTimeException e) {
      return e.getClass() + ": " + e.getMessage();
    }
  }
}
