package dev.tokensieve.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CorpusGeneratorTest {
  private static final Instant START = Instant.parse("2026-09-01T09:00:00Z");
  private static final long SEED = 20261122L;
  private static final int SESSIONS = 48;

  @TempDir static Path shared;
  private static Path corpus;
  private static List<GroundTruth> truths;

  @BeforeAll
  static void generateOnce() throws IOException {
    corpus = shared.resolve("corpus");
    CorpusSpec spec =
        CorpusSpec.sessions(SESSIONS).withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX);
    new CorpusGenerator(SEED, START).generate(corpus, spec);
    truths = new ArrayList<>();
    new CorpusGenerator(SEED, START).sessions(spec).forEachRemaining(s -> truths.add(s.truth()));
  }

  private static Map<String, Path> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  p -> dir.relativize(p).toString(), p -> p, (a, b) -> a, TreeMap::new));
    }
  }

  @Test
  void generate_writesByteIdenticalFiles_forTheSameSeed(@TempDir Path again) throws IOException {
    CorpusSpec spec =
        CorpusSpec.sessions(SESSIONS).withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX);
    new CorpusGenerator(SEED, START).generate(again, spec);

    Map<String, Path> a = tree(corpus);
    Map<String, Path> b = tree(again);
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String f : a.keySet()) {
      assertThat(Files.readAllBytes(b.get(f))).as(f).isEqualTo(Files.readAllBytes(a.get(f)));
    }
  }

  @Test
  void generate_writesOtherSessions_forAnotherSeed() {
    CorpusSpec spec = CorpusSpec.sessions(3);
    GroundTruth a = new CorpusGenerator(1, START).sessions(spec).next().truth();
    GroundTruth b = new CorpusGenerator(2, START).sessions(spec).next().truth();
    assertThat(a.sessionId()).isNotEqualTo(b.sessionId());
  }

  @Test
  void groundTruth_file_equalsTheInMemoryTruths() throws IOException {
    List<String> lines = Files.readAllLines(corpus.resolve("ground-truth.jsonl"));
    assertThat(lines).hasSize(SESSIONS);
    ObjectMapper m = new ObjectMapper();
    for (int i = 0; i < SESSIONS; i++) {
      JsonNode n = m.readTree(lines.get(i));
      GroundTruth t = truths.get(i);
      assertThat(n.get("schema").asText()).isEqualTo("tokensieve.ground-truth/v1");
      assertThat(n.get("sessionId").asText()).isEqualTo(t.sessionId());
      assertThat(n.get("requests").asInt()).isEqualTo(t.requests());
      assertThat(n.get("tokens").get("total").asLong()).isEqualTo(t.tokens().total());
      assertThat(n.get("wastes").size()).isEqualTo(t.wastes().size());
      for (JsonNode f : n.get("files")) {
        assertThat(corpus.resolve(f.asText())).as("listed file").isRegularFile();
      }
    }
  }

  @Test
  void claudeTotals_equalAnIndependentDeduplicatingRead() throws IOException {
    Map<String, TraceReader.Totals> read = TraceReader.claude(corpus);
    int checked = 0;
    for (GroundTruth t : truths) {
      if (!t.format().equals("claude-code")) {
        continue;
      }
      TraceReader.Totals r = read.get(t.sessionId());
      assertThat(r).as("session %s read", t.sessionId()).isNotNull();
      Usage u = t.tokens();
      assertThat(r.toString())
          .as("%s %s", t.scenario(), t.sessionId())
          .isEqualTo(
              "in="
                  + u.input()
                  + " w5m="
                  + u.cacheWrite5m()
                  + " w1h="
                  + u.cacheWrite1h()
                  + " read="
                  + u.cacheRead()
                  + " out="
                  + u.output()
                  + " reasoning=0 requests="
                  + t.requests());
      checked++;
    }
    assertThat(read).hasSize(checked);
    assertThat(checked).isGreaterThan(SESSIONS / 3);
  }

  @Test
  void codexTotals_equalTheChangesOfCumulativeTotals() throws IOException {
    Map<String, TraceReader.Totals> read = TraceReader.codex(corpus);
    int checked = 0;
    for (GroundTruth t : truths) {
      if (!t.format().equals("codex")) {
        continue;
      }
      TraceReader.Totals r = read.get(t.sessionId());
      Usage u = t.tokens();
      assertThat(r.toString())
          .as("%s %s", t.scenario(), t.sessionId())
          .isEqualTo(
              "in="
                  + u.input()
                  + " w5m=0 w1h=0 read="
                  + u.cacheRead()
                  + " out="
                  + u.output()
                  + " reasoning="
                  + u.reasoning()
                  + " requests="
                  + t.requests());
      checked++;
    }
    assertThat(checked).isGreaterThan(SESSIONS / 4);
  }

  @Test
  void codexRollouts_reEmitUnchangedTokenCounts() throws IOException {
    long tokenCounts = 0;
    for (Path f : TraceReader.jsonl(corpus.resolve("codex"))) {
      for (JsonNode n : TraceReader.lines(f)) {
        if ("token_count".equals(n.path("payload").path("type").asText())
            && !n.path("payload").path("info").isNull()) {
          tokenCounts++;
        }
      }
    }
    long requests =
        truths.stream()
            .filter(t -> t.format().equals("codex"))
            .mapToLong(GroundTruth::requests)
            .sum();
    assertThat(tokenCounts).isGreaterThan(requests);
  }

  @Test
  void claudeFiles_holdTheTrapsTheParsersMustSurvive() throws IOException {
    Set<String> seen = new HashSet<>();
    for (Path f : TraceReader.jsonl(corpus.resolve("claude-code"))) {
      if (f.toString().contains("/subagents/agent-acompact-")) {
        seen.add("acompact file");
      } else if (f.toString().contains("/subagents/agent-")) {
        seen.add("sub-agent file");
        assertThat(Path.of(f.toString().replace(".jsonl", ".meta.json"))).isRegularFile();
      }
      Map<String, Integer> linesPerMessage = new TreeMap<>();
      for (JsonNode n : TraceReader.lines(f)) {
        String type = n.path("type").asText();
        String sub = n.path("subtype").asText();
        if (type.equals("assistant")) {
          linesPerMessage.merge(n.path("message").path("id").asText(), 1, Integer::sum);
          if (n.path("isApiErrorMessage").asBoolean()) {
            seen.add("synthetic api error");
          }
        }
        if (type.equals("progress")
            && n.path("data").path("message").path("message").has("usage")) {
          seen.add("progress with usage");
        }
        if (type.equals("system")) {
          seen.add("system/" + sub);
        }
        if (type.equals("pr-link")) {
          seen.add("pr-link");
        }
        String text = n.path("message").path("content").toString();
        if (text.contains("[Request interrupted by user")) {
          seen.add("interrupt");
        }
        if (text.contains("\"content\":\"Exit code ")) {
          seen.add("exit code");
        }
        if (n.path("toolUseResult").has("usage")) {
          seen.add("task result with usage");
        }
      }
      if (linesPerMessage.values().stream().anyMatch(c -> c > 1)) {
        seen.add("several lines per message");
      }
    }
    assertThat(seen)
        .contains(
            "acompact file",
            "sub-agent file",
            "synthetic api error",
            "progress with usage",
            "system/api_error",
            "system/compact_boundary",
            "system/turn_duration",
            "pr-link",
            "interrupt",
            "exit code",
            "task result with usage",
            "several lines per message");
  }

  @Test
  void corpus_containsEveryScenario() {
    Set<String> scenarios = truths.stream().map(GroundTruth::scenario).collect(Collectors.toSet());
    for (Scenario s : Scenario.values()) {
      assertThat(scenarios).as("scenarios").contains(s.name());
    }
    assertThat(truths.stream().map(GroundTruth::outcome).collect(Collectors.toSet())).hasSize(2);
    assertThat(truths.stream().map(GroundTruth::team).collect(Collectors.toSet()))
        .hasSizeGreaterThan(2);
  }

  @Test
  void eachWasteScenario_injectsItsKind() {
    Map<Scenario, FindingKind> expected =
        Map.of(
            Scenario.RETRY_LOOP, FindingKind.RETRY_LOOP,
            Scenario.REDUNDANT_CONTEXT, FindingKind.REDUNDANT_CONTEXT,
            Scenario.LONG_GROWTH, FindingKind.CONTEXT_GROWTH,
            Scenario.CACHE_MISS, FindingKind.CACHE_MISS,
            Scenario.OVERSIZED_OUTPUT, FindingKind.OVERSIZED_TOOL_OUTPUT,
            Scenario.API_ERRORS, FindingKind.API_ERROR_RETRY,
            Scenario.MODEL_OVERKILL, FindingKind.MODEL_OVERKILL,
            Scenario.ABANDONED, FindingKind.ABANDONED_TAIL,
            Scenario.FAILED_TESTS, FindingKind.ABANDONED_TAIL);
    for (GroundTruth t : truths) {
      FindingKind k = expected.get(Scenario.valueOf(t.scenario()));
      if (k != null) {
        assertThat(t.wastes()).as(t.scenario()).anyMatch(w -> w.kind() == k);
      }
      for (GroundTruth.Waste w : t.wastes()) {
        assertThat(w.requests()).isNotEmpty().isSorted();
        assertThat(w.requests().get(w.requests().size() - 1)).isLessThan(t.requests());
      }
    }
  }

  @Test
  void canonicalSession_agreesWithItsTruth() {
    Iterator<GeneratedSession> it =
        new CorpusGenerator(SEED, START)
            .sessions(
                CorpusSpec.sessions(SESSIONS)
                    .withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX));
    while (it.hasNext()) {
      GeneratedSession g = it.next();
      Session s = g.session();
      GroundTruth t = g.truth();
      assertThat(s.usage()).isEqualTo(t.tokens());
      assertThat(s.requests()).hasSize(t.requests());
      List<Request> r = s.requests();
      for (int i = 1; i < r.size(); i++) {
        assertThat(r.get(i).at())
            .as("request %d of %s", i, t.sessionId())
            .isAfter(r.get(i - 1).at());
      }
      assertThat(r.stream().filter(Request::isSubAgent).count()).isEqualTo(t.subAgentRequests());
      for (GroundTruth.Waste w : t.wastes()) {
        if (w.kind() == FindingKind.CACHE_MISS) {
          Usage u = r.get(w.requests().get(0)).usage();
          assertThat(u.cacheRead()).as("a miss reads nothing from cache").isZero();
        }
        if (w.kind() == FindingKind.RETRY_LOOP && w.note().startsWith("ran")) {
          Set<String> commands = new HashSet<>();
          for (Step.ToolCall c : s.stepsOf(Step.ToolCall.class)) {
            if (w.requests().contains(c.request())) {
              commands.add(c.target());
            }
          }
          assertThat(commands).as("one repeated command").hasSize(1);
        }
      }
    }
  }

  @Test
  void abandonedTail_startsAfterTheLastEditThatApplied() {
    Iterator<GeneratedSession> it =
        new CorpusGenerator(SEED, START)
            .sessions(
                CorpusSpec.sessions(40)
                    .withFormats(CorpusFormat.CLAUDE_CODE, CorpusFormat.CODEX)
                    .only(Scenario.ABANDONED, Scenario.FAILED_TESTS, Scenario.MIXED));
    int tails = 0;
    while (it.hasNext()) {
      GeneratedSession g = it.next();
      Session s = g.session();
      Set<String> failed = new HashSet<>();
      for (Step.ToolResult r : s.stepsOf(Step.ToolResult.class)) {
        if (r.isError() || (r.exitCode() != null && r.exitCode() != 0)) {
          failed.add(r.callId());
        }
      }
      for (GroundTruth.Waste w : g.truth().wastes()) {
        if (w.kind() != FindingKind.ABANDONED_TAIL) {
          continue;
        }
        tails++;
        int first = w.requests().get(0);
        for (Step.ToolCall c : s.stepsOf(Step.ToolCall.class)) {
          boolean edit = c.kind() == ToolKind.EDIT || c.kind() == ToolKind.WRITE;
          if (edit && !failed.contains(c.callId())) {
            assertThat(c.request())
                .as("an applied edit is progress (%s)", g.truth().sessionId())
                .isLessThan(first);
          }
        }
      }
    }
    assertThat(tails).isGreaterThan(10);
  }

  @Test
  void resumedSession_replaysTheEarlierLines_withItsOwnSessionId() throws IOException {
    GroundTruth resumed =
        truths.stream().filter(t -> t.resumes() != null).findFirst().orElseThrow();
    GroundTruth earlier =
        truths.stream()
            .filter(t -> t.sessionId().equals(resumed.resumes()))
            .findFirst()
            .orElseThrow();
    List<JsonNode> old = TraceReader.lines(corpus.resolve(earlier.files().get(0)));
    List<JsonNode> now = TraceReader.lines(corpus.resolve(resumed.files().get(0)));
    assertThat(now.size()).isGreaterThan(old.size());
    for (int i = 0; i < old.size(); i++) {
      assertThat(now.get(i).path("uuid")).isEqualTo(old.get(i).path("uuid"));
      if (old.get(i).has("sessionId")) {
        assertThat(now.get(i).get("sessionId").asText()).isEqualTo(resumed.sessionId());
      }
    }
  }

  @Test
  void longGrowthSessions_haveHundredsOfRequests() {
    GroundTruth t =
        new CorpusGenerator(7, START)
            .sessions(CorpusSpec.sessions(1).only(Scenario.LONG_GROWTH))
            .next()
            .truth();
    assertThat(t.requests()).isGreaterThanOrEqualTo(100);
    assertThat(t.wastes()).anyMatch(w -> w.kind() == FindingKind.CONTEXT_GROWTH);
  }

  @Test
  void sizedCorpus_stopsOnceTheTargetIsReached(@TempDir Path dir) throws IOException {
    CorpusSummary s = new CorpusGenerator(3, START).generate(dir, CorpusSpec.bytes(2_000_000));
    assertThat(s.traceBytes()).isGreaterThanOrEqualTo(2_000_000).isLessThan(40_000_000);
    assertThat(Files.readAllLines(dir.resolve("ground-truth.jsonl"))).hasSize(s.sessions());
    assertThat(dir.resolve("teams.json")).isRegularFile();
    assertThat(Files.readString(dir.resolve("teams.csv")))
        .startsWith("user,team\nalice,payments\n");
  }

  @Test
  void spec_rejectsACountAndASizeTogether() {
    assertThatThrownBy(
            () -> new CorpusSpec(3, 5, CorpusSpec.defaultMix(), EnumSet.of(CorpusFormat.CODEX)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "give either a session count or a target size, not both or neither: sessionCount=3,"
                + " targetBytes=5");
  }

  @Test
  void sessions_rejectsASizedSpec() {
    assertThatThrownBy(() -> new CorpusGenerator(1, START).sessions(CorpusSpec.bytes(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("in-memory sessions need a session count, not a target size of 10 bytes");
  }
}
