package dev.tokensieve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GroundTruthFileTest {
  private static final Instant START = Instant.parse("2026-09-01T09:00:00Z");

  @Test
  void read_givesBackWhatTheGeneratorHeld(@TempDir Path dir) throws IOException {
    CorpusSpec spec =
        CorpusSpec.sessions(35).withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX);
    new CorpusGenerator(7, START).generate(dir, spec);
    List<GroundTruth> expected = new ArrayList<>();
    for (Iterator<GeneratedSession> it = new CorpusGenerator(7, START).sessions(spec);
        it.hasNext(); ) {
      expected.add(it.next().truth());
    }

    List<GroundTruth> read = GroundTruthFile.read(dir.resolve(GroundTruthFile.NAME));

    assertThat(read).isEqualTo(expected);
    assertThat(read).anySatisfy(t -> assertThat(t.wastes()).isNotEmpty());
    assertThat(read).anySatisfy(t -> assertThat(t.resumes()).isNotNull());
  }

  @Test
  void read_namesTheLineOfABadEntry(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(GroundTruthFile.NAME);
    Files.writeString(file, "\n{\"schema\":\"tokensieve.ground-truth/v1\",\"sessionId\":\"s\"}\n");

    assertThatThrownBy(() -> GroundTruthFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: missing \"format\"");
  }

  @Test
  void read_rejectsAnotherSchema(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(GroundTruthFile.NAME);
    Files.writeString(file, "{\"schema\":\"other/v9\"}\n");

    assertThatThrownBy(() -> GroundTruthFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":1: schema must be tokensieve.ground-truth/v1, was other/v9");
  }
}
