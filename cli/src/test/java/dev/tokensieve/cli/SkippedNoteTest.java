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
      skipped.add(new ParseProblem("f" + (char) ('a' + i) + ".txt", 0, "not a trace file"));
    }
    assertThat(SkippedNote.of(skipped))
        .endsWith(", fh.txt, and 2 more names")
        .contains("10 entries");
  }

  @Test
  void of_countsFilesWhoseNamesDifferOnlyByAnIdTogether() {
    List<ParseProblem> skipped =
        List.of(
            new ParseProblem("s/agent-a0ea353.meta.json", 0, "not a trace file, by its name"),
            new ParseProblem("s/agent-a1716f4.meta.json", 0, "not a trace file, by its name"),
            new ParseProblem("r/LICENSE.md", 0, "not a trace file, by its name"));

    assertThat(SkippedNote.of(skipped))
        .isEqualTo(
            "tokensieve: skipped 3 entries that are not traces: agent-*.meta.json (2), LICENSE.md");
  }
}
