package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LandmarksTest {
  @Test
  void of_textWithoutSummaries_hasNoLandmark() {
    assertThat(Landmarks.of("look, a token in the book\nTest FAILS x")).containsOnly(-1);
  }

  @Test
  void of_literalsAtLineStarts_markTheirLines() {
    String text = "x\nok  a 1s\n  Tests: 1 passed\r--- FAIL: T\nab 2 passed in 1s";
    int[] at = Landmarks.of(text);

    assertThat(at[Landmarks.GO_OK]).isEqualTo(2);
    assertThat(at[Landmarks.JEST])
        .isEqualTo(text.indexOf("\n  Tests")); // \s takes line breaks too
    assertThat(at[Landmarks.SUREFIRE]).isEqualTo(-1);
    assertThat(at[Landmarks.GO_FAIL]).isEqualTo(text.indexOf("---"));
    assertThat(at[Landmarks.PYTEST]).isEqualTo(text.lastIndexOf('\n') + 1);
  }
}
