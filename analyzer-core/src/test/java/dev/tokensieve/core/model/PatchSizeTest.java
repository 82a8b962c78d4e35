package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class PatchSizeTest {
  @Test
  void of_countsChangedLinesAndFiles_notTheFileHeaders() {
    String diff =
        """
        diff --git a/x.py b/x.py
        --- a/x.py
        +++ b/x.py
        @@ -1,3 +1,3 @@
         keep
        -old
        +new
        diff --git a/y.py b/y.py
        --- a/y.py
        +++ b/y.py
        @@ -0,0 +1 @@
        +added
        """;

    assertThat(PatchSize.of(diff)).isEqualTo(new PatchSize(3, 2));
    assertThat(PatchSize.of("")).isEqualTo(new PatchSize(0, 0));
  }

  @Test
  void attributes_readBack_andAbsentOrMalformedIsEmpty() {
    assertThat(PatchSize.lines(Map.of(PatchSize.LINES, "12"))).hasValue(12);
    assertThat(PatchSize.files(Map.of(PatchSize.FILES, "2"))).hasValue(2);
    assertThat(PatchSize.lines(Map.of())).isEmpty();
    assertThat(PatchSize.lines(Map.of(PatchSize.LINES, "many"))).isEmpty();
  }
}
