package dev.tokensieve.scoring.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.FixedDecimal;
import dev.tokensieve.core.model.Instants;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.report.LabelSpend;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SignalKind;
import dev.tokensieve.core.report.SpendBreakdown;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the {@code tokensieve.report/v1} JSON document (DESIGN.md, "Report contract").
 *
 * <p>Costs are written with exactly six decimals (micro-dollars), probabilities and fits with four;
 * token counts as integers; times as ISO-8601 instants; absent optional strings as {@code null}.
 * Fields beyond the contract: {@code branch}, {@code sources}, {@code listCostUsd}, {@code
 * reportedCostUsd}, {@code unpricedModels}, {@code tokens.cacheWrite5m/cacheWrite1h}, {@code
 * models[].priced}, {@code findings[].evidence/charges}, {@code spend.*.reasons}, {@code
 * growth.interceptTokens/bestCompactionRequest} and, on request, {@code requestLines}.
 */
public final class ReportJson {
  /** The schema name every document carries. */
  public static final String SCHEMA = "tokensieve.report/v1";

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(64 * 1024 * 1024)
                  .maxNestingDepth(64)
                  .build())
          .build();

  /*
   * The labels and their JSON names, once: values() copies the array and json() lower-cases the
   * name at every call, and a session writes them a few times each.
   */
  private static final SpendLabel[] LABELS = SpendLabel.values();

  private static final String[] LABEL_NAMES = new String[LABELS.length];

  static {
    for (SpendLabel label : LABELS) {
      LABEL_NAMES[label.ordinal()] = label.json();
    }
  }

  private ReportJson() {}

  /** The scoring module's shared, thread-safe JSON factory (reports, outcomes and teams files). */
  public static JsonFactory jsonFactory() {
    return JSON;
  }

  /**
   * What to include.
   *
   * @param requestLines include each session's {@code requestLines} (the web's session view)
   * @param charges include each finding's {@code charges}
   * @param pretty indent the output
   */
  public record Options(boolean requestLines, boolean charges, boolean pretty) {
    /** The CLI's default: no request lines, no charges, indented. */
    public static final Options DEFAULT = new Options(false, false, true);

    /** Everything, indented (the web's session view). */
    public static final Options FULL = new Options(true, true, true);
  }

  /** Starts a streamed document on {@code out}; the caller closes the writer (not {@code out}). */
  public static ReportWriter open(Writer out, Options options) {
    requireNonNull(out, "out");
    return new ReportWriter(generator(out, options), options, null);
  }

  /**
   * Starts a streamed document on {@code out}, encoded as UTF-8: the same bytes as {@link
   * #open(Writer, Options)} on a UTF-8 {@link OutputStreamWriter} over {@code out}, but a {@link
   * RenderedSession}'s bytes are copied to {@code out} as they are, where the text path decodes
   * them and encodes them again (that re-encoding was a tenth of the CLI's main thread). {@link
   * ReportWriter#end} flushes {@code out}; the caller closes the writer (not {@code out}).
   */
  public static ReportWriter open(OutputStream out, Options options) {
    requireNonNull(out, "out");
    return new ReportWriter(generator(new Utf8Writer(out), options), options, out);
  }

  private static JsonGenerator generator(Writer out, Options options) {
    requireNonNull(options, "options");
    try {
      JsonGenerator g = JSON.createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      if (options.pretty()) {
        g.useDefaultPrettyPrinter();
      }
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One session's JSON as a {@link ReportWriter} opened with {@code options} writes it, made on any
   * thread: rendering sessions on the threads that analyse them, and only copying the text on the
   * thread that writes the document, took writing (a quarter of the writing thread's CPU on a large
   * corpus) off the one thread that cannot be parallel. ReportJsonTest checks a document of
   * rendered sessions is identical to one written by {@link ReportWriter#writeSession}.
   */
  public static RenderedSession render(SessionReport report, Options options) {
    requireNonNull(report, "report");
    if (!options.pretty()) {
      return new RenderedSession(report, utf8(renderByGenerator(report, options)), options);
    }
    // a session sits in the root object's "sessions" array, which indents no further
    StringBuilder out = new StringBuilder(4096);
    try {
      writeSession(new IndentedJson(out, 1), report, options);
    } catch (IOException e) {
      throw new AssertionError("a StringBuilder does not throw", e);
    }
    return new RenderedSession(report, utf8(out.toString()), options);
  }

  /**
   * The session's JSON as Jackson's generator writes it with {@code options}: the reference for
   * {@link #render}'s indented text (ReportJsonTest checks they agree), and its compact text.
   */
  static String renderByGenerator(SessionReport report, Options options) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      if (options.pretty()) {
        g.setPrettyPrinter(new NestedPrettyPrinter(1));
      }
      writeSession(JsonText.of(g), report, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * {@code text} in UTF-8, a lone surrogate written {@code ?}: the bytes a UTF-8 {@link
   * OutputStreamWriter} writes for it (ReportJsonTest checks they agree).
   */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A session's JSON for {@link ReportWriter#writeSession(RenderedSession)}, encoded on the
   * rendering thread so that the writing thread only copies bytes.
   *
   * @param report the session (its totals are still added by the writer)
   * @param json the session object in UTF-8, indented for its place in the document
   * @param options what it was rendered with
   */
  public record RenderedSession(SessionReport report, byte[] json, Options options) {}

  /** The default pretty printer, starting {@code nesting} levels deep. */
  private static final class NestedPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    NestedPrettyPrinter(int nesting) {
      _nesting = nesting;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new NestedPrettyPrinter(_nesting);
    }
  }

  /** A whole document as a string. */
  public static String write(
      List<SessionReport> reports, List<ParseProblem> problems, Options options) {
    StringWriter out = new StringWriter();
    try (ReportWriter w = open(out, options)) {
      for (SessionReport r : reports) {
        w.writeSession(r);
      }
      w.end(problems);
    }
    return out.toString();
  }

  static void writeSession(JsonText g, SessionReport r, Options o) throws IOException {
    Session s = r.session();
    g.startObject();
    g.field("id", s.id().value());
    g.field("agent", s.agent());
    g.startArray("sources");
    for (String src : s.sources()) {
      g.string(src);
    }
    g.endArray();
    nullableString(g, "project", s.project());
    nullableString(g, "repo", s.repo());
    nullableString(g, "branch", s.branch());
    nullableString(g, "user", s.user());
    nullableString(g, "team", s.team());
    nullableString(g, "startedAt", s.startedAt() == null ? null : Instants.text(s.startedAt()));
    nullableString(g, "endedAt", s.endedAt() == null ? null : Instants.text(s.endedAt()));
    g.field("requests", r.requests());
    tokens(g, "tokens", r.tokens());
    usd(g, "costUsd", r.costUsd());
    usd(g, "listCostUsd", r.listCostUsd());
    if (r.reportedCostUsd() == null) {
      g.nullField("reportedCostUsd");
    } else {
      usd(g, "reportedCostUsd", r.reportedCostUsd());
    }
    g.startArray("unpricedModels");
    for (String m : r.unpricedModels()) {
      g.string(m);
    }
    g.endArray();
    g.startArray("models");
    for (ModelSpend m : r.models()) {
      g.startObject();
      g.field("model", m.model());
      g.field("requests", m.requests());
      usd(g, "costUsd", m.costUsd());
      g.field("priced", m.priced());
      g.field("tokens", m.tokens());
      modelSpend(g, m.spend());
      g.endObject();
    }
    g.endArray();
    outcome(g, r.outcome());
    spend(g, "spend", r.spend());
    g.startArray("findings");
    for (Finding f : r.findings()) {
      finding(g, f, o.charges());
    }
    g.endArray();
    growth(g, r.growth());
    if (o.requestLines()) {
      g.startArray("requestLines");
      for (RequestLine l : r.requestLines()) {
        g.startObject();
        g.field("index", l.index());
        g.field("at", Instants.text(l.at()));
        g.field("model", l.model());
        g.field("agentId", l.agentId());
        tokens(g, "tokens", l.usage());
        usd(g, "costUsd", l.costUsd());
        g.field("productive", l.productiveTokens());
        g.field("inefficient", l.inefficientTokens());
        g.field("wasteful", l.wastefulTokens());
        g.endObject();
      }
      g.endArray();
    }
    g.endObject();
  }

  static void writeTotals(JsonText g, Totals t) throws IOException {
    g.startObject("totals");
    g.field("sessions", t.sessions());
    g.field("requests", t.requests());
    tokens(g, "tokens", t.tokens());
    usd(g, "costUsd", t.costUsd());
    spend(g, "spend", t.spend());
    g.startArray("models");
    for (Totals.ModelTotal m : t.models()) {
      g.startObject();
      g.field("model", m.model());
      g.field("sessions", m.sessions());
      g.field("requests", m.requests());
      g.field("tokens", m.tokens());
      usd(g, "costUsd", m.costUsd());
      g.field("priced", m.priced());
      modelSpend(g, m.spend());
      g.endObject();
    }
    g.endArray();
    g.endObject();
  }

  /** A model's spend by label: tokens and dollars, without reasons (they are the sessions'). */
  private static void modelSpend(JsonText g, SpendBreakdown s) throws IOException {
    g.startObject("spend");
    for (SpendLabel label : LABELS) {
      LabelSpend l = s.of(label);
      g.startObject(LABEL_NAMES[label.ordinal()]);
      g.field("tokens", l.tokens());
      usd(g, "costUsd", l.costUsd());
      g.endObject();
    }
    g.endObject();
  }

  private static void outcome(JsonText g, Outcome o) throws IOException {
    g.startObject("outcome");
    g.field("label", o.label().name());
    fixed(g, "pSuccess", o.pSuccess(), 4);
    g.field("pSuccessBasis", o.basis().name());
    if (!o.reason().isEmpty()) {
      g.field("reason", o.reason());
    }
    g.startArray("signals");
    for (OutcomeSignal s : o.signals()) {
      g.startObject();
      g.field("kind", s.kind().name());
      g.field("request", s.request());
      g.field("evidence", s.evidence());
      g.endObject();
    }
    g.endArray();
    g.endObject();
  }

  private static void spend(JsonText g, String name, SpendBreakdown s) throws IOException {
    g.startObject(name);
    for (SpendLabel label : LABELS) {
      LabelSpend l = s.of(label);
      g.startObject(LABEL_NAMES[label.ordinal()]);
      g.field("tokens", l.tokens());
      usd(g, "costUsd", l.costUsd());
      g.startArray("reasons");
      for (FindingKind k : l.reasons()) {
        g.string(k.name());
      }
      g.endArray();
      g.endObject();
    }
    g.endObject();
  }

  private static void finding(JsonText g, Finding f, boolean charges) throws IOException {
    g.startObject();
    g.field("kind", f.kind().name());
    g.field("firstRequest", f.firstRequest());
    g.field("lastRequest", f.lastRequest());
    g.field("tokens", f.tokens());
    usd(g, "costUsd", f.costUsd());
    g.field("label", LABEL_NAMES[f.label().ordinal()]);
    g.field("summary", f.summary());
    g.startArray("evidence");
    for (String e : f.evidence()) {
      g.string(e);
    }
    g.endArray();
    if (charges) {
      g.startArray("charges");
      for (Charge c : f.charges()) {
        g.startObject();
        g.field("request", c.request());
        g.field("tokens", c.tokens());
        usd(g, "costUsd", c.costUsd());
        g.endObject();
      }
      g.endArray();
    }
    g.endObject();
  }

  private static void growth(JsonText g, Growth gr) throws IOException {
    g.startObject("growth");
    fixed(g, "slopeTokensPerRequest", gr.slopeTokensPerRequest(), 4);
    fixed(g, "interceptTokens", gr.interceptTokens(), 4);
    fixed(g, "r2", gr.r2(), 4);
    g.field("quadratic", gr.quadratic());
    usd(g, "compactionSavingUsd", gr.compactionSavingUsd());
    g.field("bestCompactionRequest", gr.bestCompactionRequest());
    g.endObject();
  }

  private static void tokens(JsonText g, String name, Usage u) throws IOException {
    g.startObject(name);
    g.field("input", u.input());
    g.field("cacheWrite", u.cacheWrite());
    g.field("cacheRead", u.cacheRead());
    g.field("output", u.output());
    g.field("reasoning", u.reasoning());
    g.field("cacheWrite5m", u.cacheWrite5m());
    g.field("cacheWrite1h", u.cacheWrite1h());
    g.endObject();
  }

  private static void usd(JsonText g, String name, double v) throws IOException {
    fixed(g, name, v, 6);
  }

  private static void fixed(JsonText g, String name, double v, int decimals) throws IOException {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, was " + v);
    }
    // FixedDecimal.format, with fromDigits rather than BigDecimal for values near a half: costs
    // of a few tokens at a round per-million price often end in a 5 one place past the sixth
    String fast = FixedDecimal.rounded(v, decimals);
    g.numberField(name, fast != null ? fast : FixedDecimal.fromDigits(v, decimals, true));
  }

  private static void nullableString(JsonText g, String name, @Nullable String v)
      throws IOException {
    if (v == null) {
      g.nullField(name);
    } else {
      g.field(name, v);
    }
  }

  // ---------------------------------------------------------------------------------- reading

  /**
   * Reads a document written by this class. Unknown fields are skipped (fields may be added).
   *
   * @throws IllegalArgumentException naming {@code source}, the line and what was wrong
   */
  public static ReportDocument read(Reader in, String source) {
    try (JsonParser p = JSON.createParser(in)) {
      return new DocumentReader(p, source).document();
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reads one document; field names as the writer writes them. */
  private static final class DocumentReader {
    private final JsonParser p;
    private final String source;

    DocumentReader(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    ReportDocument document() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      String schema = null;
      List<ReportDocument.Entry> sessions = new ArrayList<>();
      ReportDocument.TotalsEntry totals =
          new ReportDocument.TotalsEntry(0, 0, Usage.ZERO, 0, SpendBreakdown.NONE);
      List<ParseProblem> problems = new ArrayList<>();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "schema":
            schema = text();
            break;
          case "sessions":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              sessions.add(session());
            }
            break;
          case "totals":
            expect(p.nextToken(), JsonToken.START_OBJECT);
            totals = totals();
            break;
          case "problems":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              problems.add(problem());
            }
            break;
          default:
            skip();
        }
      }
      if (!SCHEMA.equals(schema)) {
        throw fail("expected schema " + SCHEMA + ", was " + schema);
      }
      return new ReportDocument(schema, sessions, totals, problems);
    }

    private ReportDocument.Entry session() throws IOException {
      String id = "";
      String agent = "";
      List<String> sources = List.of();
      String project = null;
      String repo = null;
      String branch = null;
      String user = null;
      String team = null;
      Instant startedAt = null;
      Instant endedAt = null;
      int requests = 0;
      Usage tokens = Usage.ZERO;
      double cost = 0;
      double list = 0;
      Double reported = null;
      List<String> unpriced = List.of();
      List<ModelSpend> models = new ArrayList<>();
      Outcome outcome = Outcome.unknown(0.5);
      SpendBreakdown spend = SpendBreakdown.NONE;
      List<Finding> findings = new ArrayList<>();
      Growth growth = Growth.NONE;
      List<RequestLine> lines = new ArrayList<>();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "id":
            id = text();
            break;
          case "agent":
            agent = text();
            break;
          case "sources":
            sources = strings();
            break;
          case "project":
            project = nullableText();
            break;
          case "repo":
            repo = nullableText();
            break;
          case "branch":
            branch = nullableText();
            break;
          case "user":
            user = nullableText();
            break;
          case "team":
            team = nullableText();
            break;
          case "startedAt":
            startedAt = instant();
            break;
          case "endedAt":
            endedAt = instant();
            break;
          case "requests":
            requests = (int) number();
            break;
          case "tokens":
            tokens = usage();
            break;
          case "costUsd":
            cost = decimal();
            break;
          case "listCostUsd":
            list = decimal();
            break;
          case "reportedCostUsd":
            reported = p.nextToken() == JsonToken.VALUE_NULL ? null : p.getValueAsDouble();
            break;
          case "unpricedModels":
            unpriced = strings();
            break;
          case "models":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              models.add(model());
            }
            break;
          case "outcome":
            outcome = outcome();
            break;
          case "spend":
            spend = spend();
            break;
          case "findings":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              findings.add(finding());
            }
            break;
          case "growth":
            growth = growth();
            break;
          case "requestLines":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              lines.add(line());
            }
            break;
          default:
            skip();
        }
      }
      return new ReportDocument.Entry(
          id, agent, sources, project, repo, branch, user, team, startedAt, endedAt, requests,
          tokens, cost, list, reported, unpriced, models, outcome, spend, findings, growth, lines);
    }

    private ReportDocument.TotalsEntry totals() throws IOException {
      int sessions = 0;
      long requests = 0;
      Usage tokens = Usage.ZERO;
      double cost = 0;
      SpendBreakdown spend = SpendBreakdown.NONE;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "sessions":
            sessions = (int) number();
            break;
          case "requests":
            requests = number();
            break;
          case "tokens":
            tokens = usage();
            break;
          case "costUsd":
            cost = decimal();
            break;
          case "spend":
            spend = spend();
            break;
          default:
            skip();
        }
      }
      return new ReportDocument.TotalsEntry(sessions, requests, tokens, cost, spend);
    }

    private ParseProblem problem() throws IOException {
      String file = "";
      long line = 0;
      String message = "";
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "file":
            file = text();
            break;
          case "line":
            line = number();
            break;
          case "message":
            message = text();
            break;
          default:
            skip();
        }
      }
      return new ParseProblem(file, line, message);
    }

    private ModelSpend model() throws IOException {
      String model = "";
      int requests = 0;
      double cost = 0;
      boolean priced = true;
      long tokens = 0;
      SpendBreakdown spend = SpendBreakdown.NONE;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "model":
            model = text();
            break;
          case "requests":
            requests = (int) number();
            break;
          case "costUsd":
            cost = decimal();
            break;
          case "priced":
            p.nextToken();
            priced = p.getBooleanValue();
            break;
          case "tokens":
            tokens = number();
            break;
          case "spend":
            spend = spend();
            break;
          default:
            skip();
        }
      }
      return new ModelSpend(model, requests, cost, priced, tokens, spend);
    }

    private Outcome outcome() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      OutcomeLabel label = OutcomeLabel.UNKNOWN;
      double ps = 0.5;
      PSuccessBasis basis = PSuccessBasis.MODEL;
      String reason = "";
      List<OutcomeSignal> signals = new ArrayList<>();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "label":
            label = OutcomeLabel.valueOf(text());
            break;
          case "pSuccess":
            ps = decimal();
            break;
          case "pSuccessBasis":
            basis = PSuccessBasis.valueOf(text());
            break;
          case "reason":
            reason = text();
            break;
          case "signals":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              SignalKind kind = null;
              int request = -1;
              String evidence = "";
              for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                switch (g) {
                  case "kind":
                    kind = SignalKind.valueOf(text());
                    break;
                  case "request":
                    request = (int) number();
                    break;
                  case "evidence":
                    evidence = text();
                    break;
                  default:
                    skip();
                }
              }
              if (kind == null) {
                throw fail("signal without kind");
              }
              signals.add(new OutcomeSignal(kind, request, evidence));
            }
            break;
          default:
            skip();
        }
      }
      return new Outcome(label, ps, signals, basis, reason);
    }

    private SpendBreakdown spend() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      LabelSpend[] by = {LabelSpend.NONE, LabelSpend.NONE, LabelSpend.NONE};
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        SpendLabel label;
        try {
          label = SpendLabel.parse(f);
        } catch (IllegalArgumentException e) {
          skip();
          continue;
        }
        expect(p.nextToken(), JsonToken.START_OBJECT);
        long tokens = 0;
        double cost = 0;
        List<FindingKind> reasons = new ArrayList<>();
        for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
          switch (g) {
            case "tokens":
              tokens = number();
              break;
            case "costUsd":
              cost = decimal();
              break;
            case "reasons":
              for (String k : strings()) {
                reasons.add(FindingKind.valueOf(k));
              }
              break;
            default:
              skip();
          }
        }
        by[label.ordinal()] = new LabelSpend(tokens, cost, reasons);
      }
      return new SpendBreakdown(by[0], by[1], by[2]);
    }

    private Finding finding() throws IOException {
      FindingKind kind = null;
      int first = 0;
      int last = 0;
      SpendLabel label = SpendLabel.WASTEFUL;
      String summary = "";
      List<String> evidence = List.of();
      List<Charge> charges = new ArrayList<>();
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "kind":
            kind = FindingKind.valueOf(text());
            break;
          case "firstRequest":
            first = (int) number();
            break;
          case "lastRequest":
            last = (int) number();
            break;
          case "label":
            label = SpendLabel.parse(text());
            break;
          case "summary":
            summary = text();
            break;
          case "evidence":
            evidence = strings();
            break;
          case "charges":
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              int request = 0;
              long tokens = 0;
              double cost = 0;
              for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                switch (g) {
                  case "request":
                    request = (int) number();
                    break;
                  case "tokens":
                    tokens = number();
                    break;
                  case "costUsd":
                    cost = decimal();
                    break;
                  default:
                    skip();
                }
              }
              charges.add(new Charge(request, tokens, cost));
            }
            break;
          default:
            skip(); // tokens and costUsd are sums of the charges
        }
      }
      if (kind == null) {
        throw fail("finding without kind");
      }
      return new Finding(kind, first, last, label, summary, evidence, charges);
    }

    private Growth growth() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      double slope = 0;
      double intercept = 0;
      double r2 = 0;
      boolean quadratic = false;
      double saving = 0;
      int best = -1;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "slopeTokensPerRequest":
            slope = decimal();
            break;
          case "interceptTokens":
            intercept = decimal();
            break;
          case "r2":
            r2 = decimal();
            break;
          case "quadratic":
            p.nextToken();
            quadratic = p.getBooleanValue();
            break;
          case "compactionSavingUsd":
            saving = decimal();
            break;
          case "bestCompactionRequest":
            best = (int) number();
            break;
          default:
            skip();
        }
      }
      return new Growth(slope, intercept, r2, quadratic, saving, best);
    }

    private RequestLine line() throws IOException {
      int index = 0;
      Instant at = Instant.EPOCH;
      String model = "";
      String agentId = "main";
      Usage usage = Usage.ZERO;
      double cost = 0;
      long[] split = new long[3];
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "index":
            index = (int) number();
            break;
          case "at":
            at = Instant.parse(text());
            break;
          case "model":
            model = text();
            break;
          case "agentId":
            agentId = text();
            break;
          case "tokens":
            usage = usage();
            break;
          case "costUsd":
            cost = decimal();
            break;
          case "productive":
            split[0] = number();
            break;
          case "inefficient":
            split[1] = number();
            break;
          case "wasteful":
            split[2] = number();
            break;
          default:
            skip();
        }
      }
      return new RequestLine(index, at, model, agentId, usage, cost, split[0], split[1], split[2]);
    }

    private Usage usage() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      long input = 0;
      long cw = 0;
      long cw5 = -1;
      long cw1 = -1;
      long read = 0;
      long output = 0;
      long reasoning = 0;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        switch (f) {
          case "input":
            input = number();
            break;
          case "cacheWrite":
            cw = number();
            break;
          case "cacheWrite5m":
            cw5 = number();
            break;
          case "cacheWrite1h":
            cw1 = number();
            break;
          case "cacheRead":
            read = number();
            break;
          case "output":
            output = number();
            break;
          case "reasoning":
            reasoning = number();
            break;
          default:
            skip();
        }
      }
      if (cw5 < 0 || cw1 < 0) { // a writer without the split: treat all writes as 5-minute
        cw5 = cw;
        cw1 = 0;
      }
      return new Usage(input, cw5, cw1, read, output, reasoning);
    }

    private List<String> strings() throws IOException {
      expect(p.nextToken(), JsonToken.START_ARRAY);
      List<String> out = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        expect(t, JsonToken.VALUE_STRING);
        out.add(p.getText());
      }
      return out;
    }

    private String text() throws IOException {
      expect(p.nextToken(), JsonToken.VALUE_STRING);
      return p.getText();
    }

    private @Nullable String nullableText() throws IOException {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(t, JsonToken.VALUE_STRING);
      return p.getText();
    }

    private @Nullable Instant instant() throws IOException {
      String s = nullableText();
      return s == null ? null : Instant.parse(s);
    }

    private long number() throws IOException {
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      return p.getLongValue();
    }

    private double decimal() throws IOException {
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw fail("expected a number, was " + t);
      }
      return p.getDoubleValue();
    }

    private void skip() throws IOException {
      p.nextToken();
      p.skipChildren();
    }

    private void expect(@Nullable JsonToken t, JsonToken wanted) {
      if (t != wanted) {
        throw fail("expected " + wanted + ", was " + t);
      }
    }

    private IllegalArgumentException fail(String problem) {
      return new IllegalArgumentException(
          source + ":" + p.currentLocation().getLineNr() + ": " + problem);
    }
  }
}
