package dev.tokensieve.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.store.GroupStats;
import dev.tokensieve.web.store.SessionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DemoTest {
  @Test
  void populate_storesEveryGeneratedSessionAcrossTeams(@TempDir Path dir) {
    try (SessionStore store =
        SessionStore.open(dir, SessionAnalyzer.standard(PriceBook.bundled()))) {
      int stored = Demo.populate(store, 7L, 40);

      assertThat(stored).isEqualTo(40);
      assertThat(store.sessionCount()).isEqualTo(40);
      List<GroupStats> teams = store.compare("team", null, null);
      assertThat(teams.size()).isGreaterThan(1);
      assertThat(teams.stream().mapToLong(GroupStats::sessions).sum()).isEqualTo(40);
      assertThat(Demo.populate(store, 7L, 40)).as("a second run changes nothing").isEqualTo(40);
      assertThat(store.sessionCount()).isEqualTo(40);
    }
  }
}
