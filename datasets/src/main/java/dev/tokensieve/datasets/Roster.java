package dev.tokensieve.datasets;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The fictional organisation the corpus is about: teams, their users and repositories. Teams lean
 * towards different habits (see {@link Scenario#weightFor}) so that a team comparison shows
 * something.
 */
final class Roster {
  /** The organisation that owns every repository ({@code github.com/acme/...}). */
  static final String ORG = "acme";

  /** A repository and the toolchain its tests run with. */
  record Repo(String name, Toolchain toolchain) {}

  /** A team with its members and repositories. */
  record Team(String name, List<String> users, List<Repo> repos) {}

  /** One user of one team. */
  record Member(String user, Team team) {}

  static final List<Team> TEAMS =
      List.of(
          new Team(
              "payments",
              List.of("alice", "bob", "carol"),
              List.of(
                  new Repo("payments-api", Toolchain.PYTEST),
                  new Repo("ledger-service", Toolchain.MAVEN))),
          new Team(
              "platform",
              List.of("dave", "erin"),
              List.of(
                  new Repo("infra-cli", Toolchain.GO), new Repo("deploy-agent", Toolchain.CARGO))),
          new Team(
              "web",
              List.of("frank", "grace", "heidi"),
              List.of(
                  new Repo("storefront", Toolchain.JEST),
                  new Repo("design-system", Toolchain.JEST))),
          new Team(
              "data",
              List.of("ivan", "judy"),
              List.of(
                  new Repo("etl-pipelines", Toolchain.PYTEST),
                  new Repo("metrics-gateway", Toolchain.GO))));

  private Roster() {}

  /** A user drawn uniformly from all users. */
  static Member pick(SplittableRandom rnd) {
    int total = 0;
    for (Team t : TEAMS) {
      total += t.users().size();
    }
    int k = rnd.nextInt(total);
    for (Team t : TEAMS) {
      if (k < t.users().size()) {
        return new Member(t.users().get(k), t);
      }
      k -= t.users().size();
    }
    throw new AssertionError("unreachable");
  }
}
