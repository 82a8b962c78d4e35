package dev.tokensieve.web.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.scoring.report.ReportJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a session as the {@code sessions[]} entry of {@code tokensieve.report/v1} (DESIGN.md,
 * "Report contract"), with per-request lines, and the short summary the session list shows.
 *
 * <p>The one place the web module turns a {@link SessionReport} into JSON: {@link #report}
 * delegates to the scoring module's {@link ReportJson}, so that the API and the CLI's {@code
 * --json} cannot drift apart; the list summary is the web's own, shorter shape.
 */
final class SessionJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SessionJson() {}

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final ReportJson.Options FULL = new ReportJson.Options(true, true, false);

  /**
   * The full session object, with {@code requestLines} and charges: exactly what the CLI's {@code
   * --json} writes for the session, taken from a one-session document.
   */
  static String report(SessionReport r) {
    String doc = ReportJson.write(List.of(r), List.of(), FULL);
    try {
      return TREES.readTree(doc).get("sessions").get(0).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("ReportJson wrote a document that does not parse", e);
    }
  }

  /** The session list's entry: the session object without findings' evidence and lines. */
  static String summary(SessionReport r) {
    return write(g -> writeSummary(g, r));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeHead(JsonGenerator g, SessionReport r) throws IOException {
    Session s = r.session();
    g.writeStringField("id", s.id().value());
    g.writeStringField("agent", s.agent());
    text(g, "project", s.project());
    text(g, "repo", s.repo());
    text(g, "branch", s.branch());
    text(g, "user", s.user());
    text(g, "team", s.team());
    time(g, "startedAt", s.startedAt());
    time(g, "endedAt", s.endedAt());
    g.writeNumberField("requests", r.requests());
    g.writeFieldName("tokens");
    tokens(g, r.tokens());
    money(g, "costUsd", r.costUsd());
  }

  private static void writeSummary(JsonGenerator g, SessionReport r) throws IOException {
    g.writeStartObject();
    writeHead(g, r);
    g.writeFieldName("models");
    models(g, r);
    g.writeObjectFieldStart("outcome");
    g.writeStringField("label", r.outcome().label().name());
    g.writeNumberField("pSuccess", r.outcome().pSuccess());
    g.writeStringField("pSuccessBasis", r.outcome().basis().name());
    g.writeEndObject();
    g.writeFieldName("spend");
    spend(g, r);
    g.writeNumberField("findings", r.findings().size());
    Finding top = SessionDocuments.topFinding(r);
    text(g, "topFinding", top == null ? null : top.summary());
    g.writeEndObject();
  }

  private static void models(JsonGenerator g, SessionReport r) throws IOException {
    g.writeStartArray();
    for (ModelSpend m : r.models()) {
      g.writeStartObject();
      g.writeStringField("model", m.model());
      g.writeNumberField("requests", m.requests());
      money(g, "costUsd", m.costUsd());
      g.writeBooleanField("priced", m.priced());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void spend(JsonGenerator g, SessionReport r) throws IOException {
    g.writeStartObject();
    for (SpendLabel label : SpendLabel.values()) {
      LabelSpend s = r.spend().of(label);
      g.writeObjectFieldStart(label.json());
      g.writeNumberField("tokens", s.tokens());
      money(g, "costUsd", s.costUsd());
      g.writeArrayFieldStart("reasons");
      for (FindingKind k : s.reasons()) {
        g.writeString(k.name());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void tokens(JsonGenerator g, Usage u) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input", u.input());
    g.writeNumberField("cacheWrite", u.cacheWrite());
    g.writeNumberField("cacheWrite5m", u.cacheWrite5m());
    g.writeNumberField("cacheWrite1h", u.cacheWrite1h());
    g.writeNumberField("cacheRead", u.cacheRead());
    g.writeNumberField("output", u.output());
    g.writeNumberField("reasoning", u.reasoning());
    g.writeEndObject();
  }

  /** Writes USD rounded to the micro-dollar, the precision of the contract and of the index. */
  static void money(JsonGenerator g, String name, double usd) throws IOException {
    g.writeNumberField(name, usd(micros(usd)));
  }

  /** USD as micro-dollars, rounded half-up. */
  static long micros(double usd) {
    return Math.round(usd * 1_000_000d);
  }

  /** Micro-dollars as USD with exactly the six decimals they hold. */
  static BigDecimal usd(long micros) {
    return BigDecimal.valueOf(micros, 6).setScale(6, RoundingMode.UNNECESSARY);
  }

  private static void text(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  private static void time(JsonGenerator g, String name, @Nullable Instant value)
      throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value.toString());
    }
  }
}
