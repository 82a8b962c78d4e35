package dev.tokensieve.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.scoring.TestSessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReportJsonTest {
  /** A detector that flags request 1 as a retry loop, so findings appear in the report. */
  private static final Detector LOOP =
      new Detector() {
        @Override
        public String id() {
          return "test-loop";
        }

        @Override
        public List<Finding> detect(PricedSession s) {
          return List.of(
              new Finding(
                  FindingKind.RETRY_LOOP,
                  1,
                  1,
                  SpendLabel.WASTEFUL,
                  "ran `pytest` twice",
                  List.of("pytest"),
                  List.of(new Charge(1, 500, s.cost(1) / 4))));
        }
      };

  private static SessionReport report() {
    return new SessionAnalyzer(PriceBook.bundled(), List.of(LOOP))
        .analyze(
            TestSessions.session("sess-1")
                .request(1000, 0, 100)
                .edit("a.py")
                .request(100, 1000, 100)
                .shell("pytest -q", "12 passed in 1.20s\n", 0)
                .request(100, 1200, 100)
                .shell("git commit -m x", "[main abc1234] x\n", 0)
                .build());
  }

  @Test
  void write_usesContractFieldNamesAndSixDecimalCosts() {
    String json =
        ReportJson.write(
            List.of(report()),
            List.of(new ParseProblem("bad.jsonl", 17, "unterminated string")),
            new ReportJson.Options(false, false, false));
    assertThat(json)
        .startsWith("{\"schema\":\"tokensieve.report/v1\",\"sessions\":[{\"id\":\"sess-1\",")
        .contains("\"agent\":\"claude-code\"", "\"project\":\"/repo\"", "\"repo\":\"repo\"")
        .contains("\"startedAt\":\"2026-09-01T09:00:10Z\"", "\"requests\":3")
        .contains(
            "\"tokens\":{\"input\":1200,\"cacheWrite\":0,\"cacheRead\":2200,\"output\":300,"
                + "\"reasoning\":0,\"cacheWrite5m\":0,\"cacheWrite1h\":0}")
        .containsPattern("\"costUsd\":0\\.\\d{6},\"listCostUsd\"")
        .containsPattern("\"outcome\":\\{\"label\":\"(SUCCESS|UNKNOWN)\",\"pSuccess\":0\\.\\d{4},")
        .contains("{\"kind\":\"TESTS_PASSED\",\"request\":1,\"evidence\":\"12 passed in 1.20s\"}")
        .containsPattern(
            "\"spend\":\\{\"productive\":\\{\"tokens\":3200,\"costUsd\":0\\.\\d{6},\"reasons\":\\[]}")
        .containsPattern(
            "\"wasteful\":\\{\"tokens\":500,\"costUsd\":0\\.\\d{6},\"reasons\":\\[\"RETRY_LOOP\"]}")
        .containsPattern(
            "\"findings\":\\[\\{\"kind\":\"RETRY_LOOP\",\"firstRequest\":1,\"lastRequest\":1,"
                + "\"tokens\":500,\"costUsd\":0\\.\\d{6},\"label\":\"wasteful\","
                + "\"summary\":\"ran `pytest` twice\",\"evidence\":\\[\"pytest\"]}]")
        .contains(
            "\"growth\":{\"slopeTokensPerRequest\":150.0000,\"interceptTokens\":983.3333,\"r2\":0.9643,"
                + "\"quadratic\":false,\"compactionSavingUsd\":0.000000,\"bestCompactionRequest\":-1}")
        .contains("\"totals\":{\"sessions\":1,\"requests\":3,")
        .endsWith(
            "\"problems\":[{\"file\":\"bad.jsonl\",\"line\":17,\"message\":\"unterminated string\"}]}")
        .doesNotContain("requestLines", "charges");
  }

  @Test
  void writeThenRead_roundTripsEveryField() {
    SessionReport r = report();
    String json =
        ReportJson.write(
            List.of(r), List.of(new ParseProblem("f", 2, "m")), ReportJson.Options.FULL);
    ReportDocument doc = ReportJson.read(new StringReader(json), "report.json");
    assertThat(doc.schema()).isEqualTo(ReportJson.SCHEMA);
    ReportDocument.Entry e = doc.sessions().get(0);
    assertThat(e.id()).isEqualTo("sess-1");
    assertThat(e.sources()).isEqualTo(r.session().sources());
    assertThat(e.startedAt()).isEqualTo(r.session().startedAt());
    assertThat(e.requests()).isEqualTo(3);
    assertThat(e.tokens()).isEqualTo(r.tokens());
    assertThat(e.costUsd()).isCloseTo(r.costUsd(), within(5e-7));
    assertThat(e.models()).hasSize(1);
    assertThat(e.outcome().label()).isEqualTo(r.outcome().label());
    assertThat(e.outcome().signals()).isEqualTo(r.outcome().signals());
    assertThat(e.spend().wasteful().tokens()).isEqualTo(r.spend().wasteful().tokens());
    assertThat(e.spend().wasteful().reasons()).isEqualTo(r.spend().wasteful().reasons());
    assertThat(e.findings()).hasSize(1);
    assertThat(e.findings().get(0).charges().get(0).tokens()).isEqualTo(500);
    // fits are written with four decimals
    assertThat(e.growth().slopeTokensPerRequest())
        .isCloseTo(r.growth().slopeTokensPerRequest(), within(5e-5));
    assertThat(e.growth().interceptTokens()).isCloseTo(r.growth().interceptTokens(), within(5e-5));
    assertThat(e.growth().r2()).isCloseTo(r.growth().r2(), within(5e-5));
    assertThat(e.growth().quadratic()).isEqualTo(r.growth().quadratic());
    assertThat(e.growth().bestCompactionRequest()).isEqualTo(r.growth().bestCompactionRequest());
    assertThat(e.requestLines()).hasSize(3);
    assertThat(e.requestLines().get(1).wastefulTokens()).isEqualTo(500);
    assertThat(e.requestLines().get(1).usage()).isEqualTo(r.requestLines().get(1).usage());
    assertThat(doc.totals().sessions()).isEqualTo(1);
    assertThat(doc.totals().tokens()).isEqualTo(r.tokens());
    assertThat(doc.problems()).containsExactly(new ParseProblem("f", 2, "m"));
  }

  private static String streamed(
      List<SessionReport> reports, ReportJson.Options o, boolean render) {
    StringWriter out = new StringWriter();
    try (ReportWriter w = ReportJson.open(out, o)) {
      write(w, reports, o, render, new ParseProblem("f", 2, "m"));
    }
    return out.toString();
  }

  private static void write(
      ReportWriter w,
      List<SessionReport> reports,
      ReportJson.Options o,
      boolean render,
      ParseProblem problem) {
    for (SessionReport r : reports) {
      if (render) {
        w.writeSession(ReportJson.render(r, o));
      } else {
        w.writeSession(r);
      }
    }
    w.end(List.of(problem));
  }

  @Test
  void renderedSessions_writeTheDocumentWrittenSessionsWrite() {
    SessionReport plain =
        new SessionAnalyzer(PriceBook.bundled(), List.of())
            .analyze(TestSessions.session("sess-2").request(10, 0, 5).build());
    for (ReportJson.Options o :
        List.of(
            ReportJson.Options.DEFAULT,
            ReportJson.Options.FULL,
            new ReportJson.Options(true, true, false),
            new ReportJson.Options(false, false, false))) {
      for (List<SessionReport> reports :
          List.of(
              List.<SessionReport>of(), List.of(report()), List.of(report(), plain, report()))) {
        String rendered = streamed(reports, o, true);

        assertThat(rendered).as(o + " " + reports.size()).isEqualTo(streamed(reports, o, false));
      }
    }
    assertThat(streamed(List.of(report()), ReportJson.Options.DEFAULT, true))
        .contains("\n  \"sessions\" : [ {\n    \"id\" : \"sess-1\",\n");
  }

  /** A document written to a byte stream, of rendered sessions or not. */
  private static byte[] streamedBytes(
      List<SessionReport> reports, ReportJson.Options o, boolean render) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReportWriter w = ReportJson.open(out, o)) {
      write(w, reports, o, render, new ParseProblem("f-\u00e9-\ud83d\ude00", 2, "m"));
    }
    return out.toByteArray();
  }

  /** What a UTF-8 writer, the text path's encoder, makes of {@code text}. */
  private static byte[] viaWriter(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void byteStream_writesTheTextDocumentInUtf8() {
    // accents, a surrogate pair, lone surrogates: what the text path's encoder writes '?' for
    SessionReport odd =
        new SessionAnalyzer(PriceBook.bundled(), List.of())
            .analyze(
                TestSessions.session("sess-\u00e9-\ud83d\ude00-\ud800x-\udc00")
                    .request(10, 0, 5)
                    .build());
    for (ReportJson.Options o :
        List.of(ReportJson.Options.DEFAULT, new ReportJson.Options(true, true, false))) {
      for (List<SessionReport> reports :
          List.of(List.<SessionReport>of(), List.of(report()), List.of(report(), odd, odd))) {
        StringWriter text = new StringWriter();
        try (ReportWriter w = ReportJson.open(text, o)) {
          reports.forEach(w::writeSession);
          w.end(List.of(new ParseProblem("f-\u00e9-\ud83d\ude00", 2, "m")));
        }
        byte[] expected = viaWriter(text.toString());

        assertThat(streamedBytes(reports, o, true)).as(o + " " + reports).isEqualTo(expected);
        assertThat(streamedBytes(reports, o, false)).as(o + " " + reports).isEqualTo(expected);
      }
    }
  }

  @Test
  void utf8_encodesAsAUtf8Writer() {
    for (String s :
        List.of("", "ascii", "\u00e9\u4e2d", "\ud83d\ude00", "a\ud800b", "\udc00", "x\ud83d")) {
      assertThat(ReportJson.utf8(s)).as(s).isEqualTo(viaWriter(s));
    }
  }

  @Test
  void writeSession_renderedWithOtherOptions_fails() {
    ReportWriter w = ReportJson.open(new StringWriter(), ReportJson.Options.DEFAULT);
    ReportJson.RenderedSession s = ReportJson.render(report(), ReportJson.Options.FULL);

    assertThatThrownBy(() -> w.writeSession(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "session rendered with Options[requestLines=true, charges=true, pretty=true], the"
                + " writer has Options[requestLines=false, charges=false, pretty=true]");
  }

  @Test
  void streamingWriter_accumulatesTotals_andRefusesToCloseUnended() {
    StringWriter out = new StringWriter();
    ReportWriter w = ReportJson.open(out, ReportJson.Options.DEFAULT);
    w.writeSession(report()).writeSession(report());
    assertThat(w.totals().sessions()).isEqualTo(2);
    assertThat(w.totals().requests()).isEqualTo(6);
    assertThatThrownBy(w::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("report closed before end(): the document is incomplete");
  }

  @Test
  void read_wrongSchema_failsWithLine() {
    assertThatThrownBy(
            () -> ReportJson.read(new StringReader("{\"schema\":\"other/v9\"}"), "r.json"))
        .hasMessage("r.json:1: expected schema tokensieve.report/v1, was other/v9");
  }
}
