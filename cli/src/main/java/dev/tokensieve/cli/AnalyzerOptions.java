package dev.tokensieve.cli;

import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.attribution.Teams;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --prices} and {@code --teams} options of the commands that analyse sessions. */
final class AnalyzerOptions {
  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "Price overrides: TokenSieve's table format or LiteLLM's JSON.")
  @Nullable Path pricesFile;

  @Option(
      names = "--teams",
      paramLabel = "FILE",
      description =
          "Maps users to teams: CSV 'user,team' or the teams.json `generate` writes. Users and"
              + " repos are taken from working directories.")
  @Nullable Path teamsFile;

  /** The standard analyzer with these prices and teams. */
  SessionAnalyzer analyzer() {
    SessionAnalyzer a = SessionAnalyzer.standard(PriceOptions.load(pricesFile));
    return teamsFile == null ? a : a.withTeams(Teams.load(teamsFile));
  }
}
