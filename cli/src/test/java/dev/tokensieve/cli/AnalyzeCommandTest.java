package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.core.testing.ClaudeLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code tokensieve analyze} through {@link Main}, on the real samples the
 * trace-parsers module keeps (with their provenance) and on files written here.
 */
final class AnalyzeCommandTest {
  private static final Path SAMPLES = Path.of("../trace-parsers/src/test/resources/samples");
  private static final Path GOLDEN =
      Path.of("../trace-parsers/src/test/resources/golden/claude-code-ccusage.tsv");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static final String SID = "aaaaaaaa-0000-0000-0000-000000000001";

  @Test
  void sessionThatSwitchedModels_booksEachRequestToItsOwnModel(@TempDir Path dir)
      throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("aaaaaaaa-0000-0000-0000-000000000001.jsonl"),
            String.join(
                "\n",
                ClaudeLines.request(
                    SID, "m1", "2026-01-01T00:00:00Z", "claude-sonnet-4-5-20250929", 0),
                ClaudeLines.request(
                    SID, "m2", "2026-01-01T00:00:10Z", "claude-sonnet-4-5-20250929", 0),
                ClaudeLines.request(
                    SID, "m3", "2026-01-01T00:00:20Z", "claude-opus-4-5-20251101", 0)));

    Run table = run("analyze", f.toString(), "--no-progress");
    Run json = run("analyze", f.toString(), "--json", "--no-progress");

    // by hand: sonnet 2 x (10 x $3 + 1,000 x $3.75 + 200 x $15) / M = $0.013560; opus $0.011300
    assertThat(table.out())
        .containsPattern("claude-sonnet-4-5-20250929 +1 +2 +\\$0\\.01 +55%")
        .containsPattern("claude-opus-4-5-20251101 +1 +1 +\\$0\\.01 +45%");
    JsonNode models = JSON.readTree(json.out()).get("totals").get("models");
    assertThat(models).hasSize(2);
    assertThat(models.get(0).get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(models.get(0).get("costUsd").decimalValue()).isEqualByComparingTo("0.013560");
    assertThat(models.get(0).get("requests").asLong()).isEqualTo(2);
    assertThat(models.get(1).get("costUsd").decimalValue()).isEqualByComparingTo("0.011300");
    JsonNode session = JSON.readTree(json.out()).get("sessions").get(0).get("models");
    assertThat(session.get(1).get("tokens").asLong()).isEqualTo(1_210);
  }

  @Test
  void json_onClaudeSamples_equalsCcusagesTokensAndCostsPerSession() throws IOException {
    Run r = run("analyze", SAMPLES.resolve("claude-code").toString(), "--json", "--no-progress");

    assertThat(r.exit()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("schema").asText()).isEqualTo("tokensieve.report/v1");
    Map<String, JsonNode> byId = new HashMap<>();
    doc.get("sessions").forEach(s -> byId.put(s.get("id").asText(), s));
    int compared = 0;
    for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank() || line.startsWith("TOTAL")) {
        continue;
      }
      String[] f = line.split("\t");
      JsonNode s = byId.get(f[0]);
      assertThat(s).as("session %s", f[0]).isNotNull();
      JsonNode t = s.get("tokens");
      assertThat(t.get("input").asLong()).as("input of %s", f[0]).isEqualTo(Long.parseLong(f[1]));
      assertThat(t.get("output").asLong()).as("output of %s", f[0]).isEqualTo(Long.parseLong(f[2]));
      assertThat(t.get("cacheWrite").asLong())
          .as("cacheWrite of %s", f[0])
          .isEqualTo(Long.parseLong(f[3]));
      assertThat(t.get("cacheRead").asLong())
          .as("cacheRead of %s", f[0])
          .isEqualTo(Long.parseLong(f[4]));
      assertThat(s.get("costUsd").asDouble())
          .as("cost of %s", f[0])
          .isCloseTo(Double.parseDouble(f[5]), within(1e-6));
      compared++;
    }
    assertThat(compared).isEqualTo(byId.size()).isGreaterThan(10);
  }

  @Test
  void json_onEverySampleOfEveryFormat_labelsEveryTokenExactlyOnce() throws IOException {
    Run r = run("analyze", SAMPLES.toString(), "--json", "--no-progress");

    assertThat(r.exit()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("sessions").size()).isGreaterThan(20);
    java.util.Set<String> agents = new java.util.TreeSet<>();
    for (JsonNode s : doc.get("sessions")) {
      agents.add(s.get("agent").asText());
      JsonNode t = s.get("tokens");
      long total =
          t.get("input").asLong()
              + t.get("cacheWrite").asLong()
              + t.get("cacheRead").asLong()
              + t.get("output").asLong();
      JsonNode sp = s.get("spend");
      long labelled =
          sp.get("productive").get("tokens").asLong()
              + sp.get("inefficient").get("tokens").asLong()
              + sp.get("wasteful").get("tokens").asLong();
      double usd =
          sp.get("productive").get("costUsd").asDouble()
              + sp.get("inefficient").get("costUsd").asDouble()
              + sp.get("wasteful").get("costUsd").asDouble();
      assertThat(labelled).as("tokens of %s", s.get("id")).isEqualTo(total);
      assertThat(usd)
          .as("usd of %s", s.get("id"))
          .isCloseTo(s.get("costUsd").asDouble(), within(2e-6));
    }
    assertThat(agents)
        .contains("claude-code", "codex", "gemini-cli", "openhands", "swe-agent", "mini-swe-agent");
  }

  @Test
  void json_onAByteStream_isTheTextRunInUtf8() {
    String samples = SAMPLES.toString();
    for (String[] args :
        List.of(
            new String[] {"analyze", samples, "--json", "--no-progress"},
            new String[] {"analyze", samples, "--json", "--request-lines", "--no-progress"})) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      int exit = Main.run(new Utf8Out(bytes), new PrintWriter(new StringWriter()), args);

      assertThat(exit).isZero();
      assertThat(bytes.toByteArray()).isEqualTo(run(args).out().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes a Claude Code folder in {@code dir} holding one session of two requests, with a line cut
   * short (line 2) between them.
   */
  static Path corruptCorpus(Path dir) throws IOException {
    Path project = Files.createDirectories(dir.resolve("projects/-home-ann-src-app"));
    String good =
        "{\"type\":\"assistant\",\"sessionId\":\"s-1\",\"uuid\":\"u1\","
            + "\"timestamp\":\"2026-03-01T10:00:00Z\",\"requestId\":\"r1\",\"cwd\":\"/home/ann/src/app\","
            + "\"message\":{\"id\":\"m1\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":100,\"output_tokens\":20}}}";
    Files.writeString(
        project.resolve("s-1.jsonl"),
        good
            + "\n{\"type\":\"assistant\",\"message\":{\"id\":\n"
            + good.replace("m1", "m2").replace("r1", "r2").replace("u1", "u2")
            + "\n");
    return dir;
  }

  @Test
  void corruptLine_isAProblemWithFileAndLine_theRestIsAnalysed_andStrictExitsTwo(@TempDir Path dir)
      throws IOException {
    corruptCorpus(dir);

    Run lenient = run("analyze", dir.toString(), "--json", "--no-progress");
    Run strict = run("analyze", dir.toString(), "--strict", "--no-progress");

    assertThat(lenient.exit()).isZero();
    JsonNode doc = JSON.readTree(lenient.out());
    assertThat(doc.get("sessions").get(0).get("requests").asInt()).isEqualTo(2);
    assertThat(doc.get("sessions").get(0).get("user").asText()).isEqualTo("ann");
    JsonNode problem = doc.get("problems").get(0);
    assertThat(problem.get("file").asText()).endsWith("s-1.jsonl");
    assertThat(problem.get("line").asInt()).isEqualTo(2);
    assertThat(lenient.err()).contains("s-1.jsonl:2: ");
    assertThat(strict.exit()).isEqualTo(2);
    assertThat(strict.out()).contains("1 file or line could not be read");
  }

  @Test
  void html_writesASelfContainedReport(@TempDir Path dir) throws IOException {
    Path html = dir.resolve("report.html");

    Run r =
        run(
            "analyze",
            SAMPLES.resolve("claude-code").toString(),
            "--html",
            html.toString(),
            "--no-progress");

    assertThat(r.exit()).isZero();
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!doctype html>")
        .contains("TokenSieve report")
        .contains("253fd5ef-38bf-4f4a-804a-98df5088a868")
        .contains("<svg")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=\"http");
    assertThat(r.out()).contains("TokenSieve: 11 sessions");
  }

  @Test
  void table_listsSessionsByCost_andTheTopFindings() {
    Run r = run("analyze", SAMPLES.resolve("claude-code").toString(), "--no-progress");

    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TokenSieve: 11 sessions, ");
    assertThat(lines.get(3)).startsWith("253fd5ef-38…df5088a868 claude-code");
    assertThat(r.out()).contains("Spend: productive ").contains("Top findings by dollars");
  }

  @Test
  void table_setsReportedCostsBesideListPrices() throws IOException {
    Run table = run("analyze", SAMPLES.resolve("mini-swe-agent").toString(), "--no-progress");
    Run json =
        run("analyze", SAMPLES.resolve("mini-swe-agent").toString(), "--json", "--no-progress");

    double reported = 0;
    double list = 0;
    for (JsonNode s : JSON.readTree(json.out()).get("sessions")) {
      reported += s.get("reportedCostUsd").asDouble();
      list += s.get("listCostUsd").asDouble();
      assertThat(s.get("costUsd").asDouble()).isEqualTo(s.get("reportedCostUsd").asDouble());
    }
    assertThat(table.out())
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "Reported cost: 4 sessions state their own cost, $%.2f, against $%.2f at list prices",
                reported,
                list));
  }

  @Test
  void format_acceptsAgentNames_andRejectsUnknownOnesByName() throws IOException {
    Run forced =
        run(
            "analyze",
            SAMPLES.resolve("codex").toString(),
            "--format",
            "codex",
            "--json",
            "--no-progress");
    Run unknown = run("analyze", SAMPLES.resolve("codex").toString(), "--format", "foo");

    assertThat(forced.exit()).isZero();
    assertThat(JSON.readTree(forced.out()).get("sessions").get(0).get("agent").asText())
        .isEqualTo("codex");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown format 'foo'");
  }

  @Test
  void ordinaryNonTraceFiles_areNotedInOneLine_andDoNotFailStrict(@TempDir Path dir)
      throws IOException {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    Files.copy(
        SAMPLES.resolve("mini-swe-agent/django__django-12125.traj.json"),
        runs.resolve("django__django-12125.traj.json"));
    Files.writeString(runs.resolve("README.md"), "# runs\n");
    Files.writeString(runs.resolve("outcomes.json"), "{\"django__django-12125\": false}");
    Files.writeString(runs.resolve("metadata.json"), "{\"model\": \"x\"}");

    Run r = run("analyze", runs.toString(), "--strict", "--no-progress");

    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "tokensieve: skipped 3 entries that are not traces: metadata.json, outcomes.json,"
                + " README.md\n");
    assertThat(r.out()).contains("django__django-12125").doesNotContain("could not be read");
  }

  @Test
  void session_withAUniquePrefix_printsThatSessionsFullReport() {
    Run r = run("analyze", SAMPLES.toString(), "--session", "253f", "--no-progress");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("Session 253fd5ef-38bf-4f4a-804a-98df5088a868 (claude-code)\n")
        .contains("  63 requests, 4,257,041 tokens: input 137, output 581,")
        .contains("Outcome: SUCCESS (pSuccess ")
        .contains("  req 61   PR_CREATED             https://github.com/entireio/cli/pull/139\n")
        .contains("Findings (3, in request order):\n  req 10       inefficient CACHE_MISS ")
        .contains("      - gap 7 min, excess $0.67\n");
    List<String> rows =
        r.out()
            .lines()
            .filter(l -> l.matches(" +\\d+  2026-02-03 \\d\\d:\\d\\d:\\d\\d .*"))
            .toList();
    assertThat(rows).hasSize(63);
    assertThat(rows.get(60)).startsWith("   60  2026-02-03 06:29:50").endsWith("  CACHE_MISS");
  }

  @Test
  void session_withAnAmbiguousPrefix_listsTheCandidates() throws IOException {
    Run r = run("analyze", SAMPLES.toString(), "--session", "019c8a", "--no-progress");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("tokensieve: 4 sessions match '019c8a'; give more of the id:\n")
        .contains("  019c8a4c-ed82-79a1-aa28-7738fc5ab61a     codex ")
        .contains("  019c8a70-dda7-7f33-98ea-f30553347322     codex ");

    Run none = run("analyze", SAMPLES.toString(), "--session", "zzz", "--no-progress");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("tokensieve: no session id starts with 'zzz' (");

    Run json = run("analyze", SAMPLES.toString(), "--session", "019c8a", "--json");
    assertThat(json.exit()).isZero();
    assertThat(JSON.readTree(json.out()).get("sessions")).hasSize(4);
  }

  @Test
  void session_withAnIdThatIsTheStartOfAnother_choosesTheExactOne(@TempDir Path dir)
      throws IOException {
    for (String id : new String[] {"abc", "abcd"}) {
      Files.writeString(
          dir.resolve(id + ".jsonl"),
          "{\"type\":\"assistant\",\"sessionId\":\""
              + id
              + "\",\"uuid\":\"u-"
              + id
              + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"requestId\":\"r-"
              + id
              + "\",\"message\":{\"id\":\"m-"
              + id
              + "\",\"model\":\"claude-opus-4-6\",\"content\":[],"
              + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n");
    }

    Run exact = run("analyze", dir.toString(), "--session", "abc", "--no-progress");
    Run ambiguous = run("analyze", dir.toString(), "--session", "ab", "--no-progress");

    assertThat(exact.exit()).isZero();
    assertThat(exact.out()).startsWith("Session abc (claude-code)\n");
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("2 sessions match 'ab'");
  }

  @Test
  void table_showsSessionIdsThatShareALongStartApart() {
    Run r = run("analyze", SAMPLES.toString(), "--no-progress", "--top", "100");

    assertThat(r.out())
        .contains("\n019c8a4c-ed…38fc5ab61a codex ")
        .contains("\n019c8a4d-8f…ad920aa6f9 codex ")
        .contains("\ndjango__django-12125   mini-swe-agent ")
        .contains("\ndjango__django-12308   mini-swe-agent ");
  }

  @Test
  void unknownPath_isAnErrorWithExitCode2_andPrintsNoReport(@TempDir Path dir) {
    Run r = run("analyze", dir.toString(), dir.resolve("missing").toString(), "--json");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("tokensieve: no such file or folder: " + dir.resolve("missing") + "\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void generate_isReproducible_andItsCorpusAnalysesToTheGroundTruthTokens(@TempDir Path dir)
      throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(run("generate", "--out", a.toString(), "--sessions", "30").exit()).isZero();
    assertThat(run("generate", "--out", b.toString(), "--sessions", "30").exit()).isZero();
    assertThat(Files.readString(a.resolve("ground-truth.jsonl")))
        .isEqualTo(Files.readString(b.resolve("ground-truth.jsonl")));

    Run r =
        run(
            "analyze",
            a.resolve("claude-code").toString(),
            "--json",
            "--no-progress",
            "--teams",
            a.resolve("teams.json").toString());
    JsonNode doc = JSON.readTree(r.out());
    Map<String, JsonNode> byId = new HashMap<>();
    doc.get("sessions").forEach(s -> byId.put(s.get("id").asText(), s));
    for (String line : Files.readAllLines(a.resolve("ground-truth.jsonl"))) {
      JsonNode truth = JSON.readTree(line);
      JsonNode s = byId.get(truth.get("sessionId").asText());
      assertThat(s).as("session %s", truth.get("sessionId")).isNotNull();
      assertThat(s.get("tokens").get("output").asLong())
          .isEqualTo(truth.get("tokens").get("output").asLong());
      assertThat(s.get("tokens").get("cacheRead").asLong())
          .isEqualTo(truth.get("tokens").get("cacheRead").asLong());
      assertThat(s.get("team").asText()).isEqualTo(truth.get("team").asText());
      assertThat(s.get("user").asText()).isEqualTo(truth.get("user").asText());
    }
    assertThat(byId).hasSize(30);
  }

  @Test
  void prices_unknownModel_isUnpricedAndExitsOne() {
    Run r = run("prices", "claude-sonnet-4-5-20250929", "no-such-model");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("claude-sonnet-4-5-20250929 -> claude-sonnet-4-5")
        .contains("no-such-model: unpriced");
  }
}
