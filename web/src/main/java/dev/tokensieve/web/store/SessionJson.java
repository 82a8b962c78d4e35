package dev.tokensieve.web.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SessionReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes a session as the {@code sessions[]} entry of {@code tokensieve.report/v1} (DESIGN.md,
 * "Report contract"), with per-request lines, and the short summary the session list shows.
 *
 * <p>The one place the web module turns a {@link SessionReport} into JSON: when the scoring
 * module's {@code ReportJson} lands, {@link #report} delegates to it so that the API and the CLI's
 * {@code --json} cannot drift apart.
 */
final class SessionJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SessionJson() {}

  /** The full session object, with {@code requestLines}. */
  static String report(SessionReport r) {
    return write(g -> writeReport(g, r));
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
    g.writeEndObject();
    g.writeFieldName("spend");
    spend(g, r);
    g.writeNumberField("findings", r.findings().size());
    Finding top = SessionDocuments.topFinding(r);
    text(g, "topFinding", top == null ? null : top.summary());
    g.writeEndObject();
  }

  private static void writeReport(JsonGenerator g, SessionReport r) throws IOException {
    g.writeStartObject();
    writeHead(g, r);
    if (r.reportedCostUsd() != null) {
      money(g, "reportedCostUsd", r.reportedCostUsd());
    }
    money(g, "listCostUsd", r.listCostUsd());
    g.writeFieldName("models");
    models(g, r);
    g.writeArrayFieldStart("unpricedModels");
    for (String m : r.unpricedModels()) {
      g.writeString(m);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("outcome");
    g.writeStringField("label", r.outcome().label().name());
    g.writeNumberField("pSuccess", r.outcome().pSuccess());
    g.writeArrayFieldStart("signals");
    for (OutcomeSignal sig : r.outcome().signals()) {
      g.writeStartObject();
      g.writeStringField("kind", sig.kind().name());
      g.writeNumberField("request", sig.request());
      g.writeStringField("evidence", sig.evidence());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeFieldName("spend");
    spend(g, r);
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      finding(g, f);
    }
    g.writeEndArray();
    Growth gr = r.growth();
    g.writeObjectFieldStart("growth");
    g.writeNumberField("slopeTokensPerRequest", gr.slopeTokensPerRequest());
    g.writeNumberField("interceptTokens", gr.interceptTokens());
    g.writeNumberField("r2", gr.r2());
    g.writeBooleanField("quadratic", gr.quadratic());
    money(g, "compactionSavingUsd", gr.compactionSavingUsd());
    g.writeNumberField("bestCompactionRequest", gr.bestCompactionRequest());
    g.writeEndObject();
    g.writeArrayFieldStart("requestLines");
    for (RequestLine l : r.requestLines()) {
      g.writeStartObject();
      g.writeNumberField("index", l.index());
      time(g, "at", l.at());
      g.writeStringField("model", l.model());
      g.writeStringField("agentId", l.agentId());
      g.writeFieldName("tokens");
      tokens(g, l.usage());
      money(g, "costUsd", l.costUsd());
      g.writeNumberField("productiveTokens", l.productiveTokens());
      g.writeNumberField("inefficientTokens", l.inefficientTokens());
      g.writeNumberField("wastefulTokens", l.wastefulTokens());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", f.kind().name());
    g.writeNumberField("firstRequest", f.firstRequest());
    g.writeNumberField("lastRequest", f.lastRequest());
    g.writeNumberField("tokens", f.tokens());
    money(g, "costUsd", f.costUsd());
    g.writeStringField("label", f.label().json());
    g.writeStringField("summary", f.summary());
    g.writeArrayFieldStart("evidence");
    for (String e : f.evidence()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("charges");
    for (Charge c : f.charges()) {
      g.writeStartObject();
      g.writeNumberField("request", c.request());
      g.writeNumberField("tokens", c.tokens());
      money(g, "costUsd", c.costUsd());
      g.writeEndObject();
    }
    g.writeEndArray();
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
