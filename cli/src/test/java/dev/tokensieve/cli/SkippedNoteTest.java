package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.ParseProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SkippedNoteTest {
  @Test
  void of_namesEachFileNameOnceWithItsCount() {
    List<ParseProblem> skipped = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      skipped.add(
          new ParseProblem("runs/" + i + "/metadata.json", 0, "not a recognised trace format"));
    }
    skipped.add(new ParseProblem("runs/README.md", 0, "not a trace file, by its name"));
    skipped.add(new ParseProblem("runs/.git", 0, "hidden folder"));

    assertThat(SkippedNote.of(skipped))
        .isEqualTo(
            "tokensieve: skipped 5 entries that are not traces: .git/, metadata.json (3),"
                + " README.md");
    assertThat(SkippedNote.of(List.of())).isNull();
  }

  @Test
  void of_withManyNames_showsTheFirstAndCountsTheRest() {
    List<ParseProblem> skipped = new ArrayList<>();
    for (int i = 0; i < SkippedNote.NAMES + 2; i++) {
      skipped.add(new ParseProblem("f" + i + ".txt", 0, "not a trace file, by its name"));
    }
    assertThat(SkippedNote.of(skipped))
        .endsWith(", f7.txt, and 2 more names")
        .contains("10 entries");
  }
}
