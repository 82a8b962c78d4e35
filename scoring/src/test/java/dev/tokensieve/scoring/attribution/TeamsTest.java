package dev.tokensieve.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TeamsTest {
  private static Session session(String project) {
    return Session.builder(new SessionId("s1"), "claude-code").project(project).build();
  }

  @Test
  void attribute_derivesUserAndRepoFromTheWorkingDirectory_andTeamFromTheMap() {
    Teams teams = Teams.of(Map.of("alice", "payments"));

    Session s = teams.attribute(session("/home/alice/src/payments-api"));

    assertThat(s.user()).isEqualTo("alice");
    assertThat(s.repo()).isEqualTo("payments-api");
    assertThat(s.team()).isEqualTo("payments");
  }

  @Test
  void attribute_readsMacAndWindowsHomes() {
    assertThat(Teams.userOf("/Users/bob/work/cli/")).isEqualTo("bob");
    assertThat(Teams.userOf("C:\\Users\\carol\\code\\app")).isEqualTo("carol");
    assertThat(Teams.userOf("/srv/build/app")).isNull();
    assertThat(Teams.repoOf("/Users/bob/work/cli/")).isEqualTo("cli");
  }

  @Test
  void attribute_neverOverwritesWhatTheTraceOrUploadSaid() {
    Session given =
        Session.builder(new SessionId("s1"), "codex")
            .project("/home/alice/src/payments-api")
            .user("zed")
            .team("web")
            .repo("storefront")
            .build();

    assertThat(Teams.of(Map.of("alice", "payments")).attribute(given)).isSameAs(given);
  }

  @Test
  void parse_readsTheGeneratorsJsonAndPlainCsv() {
    Teams json =
        Teams.parse(
            """
            {"schema":"tokensieve.teams/v1","org":"acme","teams":[
              {"name":"payments","users":["alice","bob"],"repos":[{"name":"x"}]},
              {"name":"web","users":["frank"]}]}
            """,
            "teams.json");
    Teams csv = Teams.parse("user,team\nalice,payments\nfrank , web\n", "teams.csv");

    assertThat(json.teamOf("bob")).contains("payments");
    assertThat(json.teamOf("frank")).contains("web");
    assertThat(json.size()).isEqualTo(3);
    assertThat(csv.teamOf("frank")).contains("web");
    assertThat(csv.size()).isEqualTo(2);
  }

  @Test
  void parse_badCsvRow_namesFileLineAndRow() {
    assertThatThrownBy(() -> Teams.parse("user,team\nalice\n", "teams.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("teams.csv:2: expected 'user,team', was 'alice'");
  }
}
