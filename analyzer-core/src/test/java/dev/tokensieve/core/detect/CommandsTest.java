package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class CommandsTest {
  private static final List<String> TEST_RUNS =
      List.of(
          "pytest -x tests/",
          "cd app && py.test",
          "tox -e py311",
          "nox -s tests",
          "npx jest --ci",
          "vitest run",
          "mocha",
          "bundle exec rspec",
          "vendor/bin/phpunit",
          "ctest --output-on-failure",
          "python3.12 -m pytest -q",
          "python -m unittest discover",
          "mvn -q verify",
          "./mvnw -pl core test",
          "./gradlew check",
          "gradle build check",
          "go test ./...",
          "cargo test --lib",
          "dotnet test",
          "npm run test",
          "yarn test",
          "make check",
          "(make test)");

  private static final List<String> OTHERS =
      List.of(
          "",
          "ls -la",
          "cat latest.txt",
          "git status --short",
          "grep -rn testing src",
          "echo contest",
          "mvn package",
          "make build",
          "npm install");

  @Test
  void isTestRun_runnerCommands_areTestRuns() {
    assertThat(TEST_RUNS).allMatch(Commands::isTestRun);
  }

  @Test
  void isTestRun_otherCommands_areNot() {
    assertThat(OTHERS).noneMatch(Commands::isTestRun);
  }

  @Test
  void isTestRun_anyCommand_agreesWithTheRegexReference() {
    for (String command : concat(TEST_RUNS, OTHERS)) {
      assertThat(Commands.isTestRun(command))
          .as(command)
          .isEqualTo(Commands.isTestRunByRegex(command));
    }
  }

  @Test
  void isCommit_commitAndPush_areCommits() {
    assertThat(Commands.isCommit("git add -A && git commit -m 'x'")).isTrue();
    assertThat(Commands.isCommit("git  push origin main")).isTrue();
    assertThat(Commands.isCommit("git status")).isFalse();
    assertThat(Commands.isCommit("svn commit")).isFalse();
  }

  @Test
  void isReadOnly_anyCommand_agreesWithTheRegexReference() {
    List<String> commands =
        List.of(
            "",
            "   ",
            "ls src",
            "  cat .nvmrc\n",
            "git status --short",
            "git stash",
            "sed -n 1,20p a.py",
            "sed -i s/a/b/ a.py",
            "cd src && ls | wc -l",
            "cd src && npm install",
            "ls;;pwd",
            "grep -rn x . || true",
            "echo hi > out.txt",
            "lsof -i",
            "cat a.txt | tee b.txt",
            "cargo test");
    for (String command : concat(commands, concat(TEST_RUNS, OTHERS))) {
      assertThat(Commands.isReadOnly(command))
          .as(command)
          .isEqualTo(Commands.isReadOnlyByRegex(command));
    }
  }

  @Test
  void isReadOnly_randomChains_agreeWithTheRegexReference() {
    String[] parts = {
      "ls",
      "lsof",
      "cat",
      "sed -n",
      "sed -i",
      "git status",
      "git  status",
      "git stash",
      "rm -rf",
      "ll",
      "l",
      "du",
      "df",
      "d",
      "&",
      "&&",
      "|",
      "||",
      ";",
      " ",
      "\t",
      "\n",
      "\u2028",
      "\u0085",
      "\u00A0",
      "\u2003",
      "\u001C",
      "x",
      "-la",
      "echo",
      ">"
    };
    Random random = new Random(5);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(8);
      for (int i = 0; i < length; i++) {
        sb.append(parts[random.nextInt(parts.length)]);
      }
      String command = sb.toString();
      assertThat(Commands.isReadOnly(command))
          .as("%s", command)
          .isEqualTo(Commands.isReadOnlyByRegex(command));
    }
  }

  @Test
  void isReadOnly_inspectionChains_areReadOnly() {
    assertThat(Commands.isReadOnly("cd src && ls | wc -l")).isTrue();
    assertThat(Commands.isReadOnly("cd src && npm install")).isFalse();
    assertThat(Commands.isReadOnly("lsof -i")).isFalse();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
