package dev.tokensieve.web.store;

import static dev.tokensieve.web.store.SessionJson.micros;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Secrets;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.SessionReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/** Builds the index documents of one analysed session: the one function that knows the schema. */
final class SessionDocuments {
  /** The most characters of commands and evidence one session contributes to the free text. */
  static final int MAX_TEXT_CHARS = 1 << 20;

  private static final FacetsConfig FACETS = SessionFields.facetsConfig();

  private SessionDocuments() {}

  /**
   * The session document followed by one document per finding.
   *
   * @param raw the sha-256 of every raw file the session was read from
   * @param seq hands out feed sequence numbers, one per document
   * @param indexedAt when, in epoch millis
   * @param owner who uploaded it (an uploader's user), or null
   */
  static List<Document> build(
      SessionReport r,
      Collection<String> raw,
      LongSupplier seq,
      long indexedAt,
      @Nullable String owner)
      throws IOException {
    Session s = r.session();
    String id = s.id().value();
    List<Document> docs = new ArrayList<>(1 + r.findings().size());

    Document d = new Document();
    d.add(new StringField(SessionFields.TYPE, SessionFields.TYPE_SESSION, Field.Store.NO));
    d.add(new StringField(SessionFields.DOC_ID, id, Field.Store.NO));
    d.add(new StringField(SessionFields.SESSION_ID, id, Field.Store.YES));
    d.add(new SortedDocValuesField(SessionFields.ID_SORT, new BytesRef(id)));
    d.add(new StringField(SessionFields.OWNER, orNone(owner), Field.Store.YES));
    facet(d, SessionFields.TEAM, s.team());
    facet(d, SessionFields.USER, s.user());
    facet(d, SessionFields.REPO, s.repo());
    facet(d, SessionFields.AGENT, s.agent());
    facet(d, SessionFields.OUTCOME, r.outcome().label().name());
    facet(d, SessionFields.MODEL, mainModel(r));
    for (ModelSpend m : r.models()) {
      d.add(new StringField(SessionFields.MODELS, m.model(), Field.Store.NO));
    }
    for (SpendLabel label : SpendLabel.values()) {
      if (r.spend().of(label).tokens() > 0 || micros(r.spend().of(label).costUsd()) > 0) {
        d.add(new StringField(SessionFields.LABEL, label.json(), Field.Store.NO));
        d.add(new SortedSetDocValuesFacetField(SessionFields.LABEL, label.json()));
      }
    }
    long started = s.startedAt() == null ? 0 : s.startedAt().toEpochMilli();
    d.add(new LongPoint(SessionFields.STARTED_AT, started));
    d.add(new NumericDocValuesField(SessionFields.STARTED_AT, started));
    long[] sums = sums(r);
    for (int i = 0; i < sums.length; i++) {
      d.add(new NumericDocValuesField(SessionFields.SUMMED.get(i), sums[i]));
    }
    for (String sha : raw) {
      d.add(new StringField(SessionFields.RAW, sha, Field.Store.YES));
    }
    d.add(new TextField(SessionFields.TEXT, text(r), Field.Store.NO));
    d.add(new StoredField(SessionFields.REPORT, SessionJson.report(r)));
    d.add(new StoredField(SessionFields.SUMMARY, SessionJson.summary(r)));
    feed(
        d,
        r,
        seq.getAsLong(),
        indexedAt,
        "session",
        sessionLine(r),
        dominantLabel(r),
        micros(r.costUsd()));
    docs.add(FACETS.build(d));

    boolean success = r.outcome().label() == OutcomeLabel.SUCCESS;
    boolean failure = r.outcome().label() == OutcomeLabel.FAILURE;
    for (ModelSpend m : r.models()) {
      Document md = new Document();
      md.add(new StringField(SessionFields.TYPE, SessionFields.TYPE_MODEL, Field.Store.NO));
      md.add(new StringField(SessionFields.DOC_ID, id + "@" + m.model(), Field.Store.NO));
      md.add(new StringField(SessionFields.SESSION_ID, id, Field.Store.YES));
      md.add(new StringField(SessionFields.OWNER, orNone(owner), Field.Store.NO));
      // the other dimensions filter the model documents as they filter sessions
      md.add(new StringField(SessionFields.TEAM, orNone(s.team()), Field.Store.NO));
      md.add(new StringField(SessionFields.USER, orNone(s.user()), Field.Store.NO));
      md.add(new StringField(SessionFields.REPO, orNone(s.repo()), Field.Store.NO));
      md.add(new StringField(SessionFields.AGENT, orNone(s.agent()), Field.Store.NO));
      md.add(new StringField(SessionFields.OUTCOME, r.outcome().label().name(), Field.Store.NO));
      facet(md, SessionFields.MODEL, m.model());
      md.add(new LongPoint(SessionFields.STARTED_AT, started));
      md.add(new NumericDocValuesField(SessionFields.STARTED_AT, started)); // Lucene: one schema
      long[] ms = modelSums(m, success, failure);
      for (int i = 0; i < ms.length; i++) {
        md.add(new NumericDocValuesField(SessionFields.SUMMED.get(i), ms[i]));
      }
      docs.add(FACETS.build(md));
    }

    for (int i = 0; i < r.findings().size(); i++) {
      Finding f = r.findings().get(i);
      Document fd = new Document();
      fd.add(new StringField(SessionFields.TYPE, SessionFields.TYPE_FINDING, Field.Store.NO));
      fd.add(new StringField(SessionFields.DOC_ID, id + "#" + i, Field.Store.NO));
      fd.add(new StringField(SessionFields.SESSION_ID, id, Field.Store.YES));
      fd.add(new StringField(SessionFields.OWNER, orNone(owner), Field.Store.YES));
      feed(
          fd,
          r,
          seq.getAsLong(),
          indexedAt,
          f.kind().name(),
          f.summary(),
          f.label().json(),
          micros(f.costUsd()));
      docs.add(fd);
    }
    return docs;
  }

  /** The sums a group adds up, in the order of {@link SessionFields#SUMMED}. */
  static long[] sums(SessionReport r) {
    return new long[] {
      micros(r.costUsd()),
      r.tokens().total(),
      r.requests(),
      micros(r.spend().productive().costUsd()),
      micros(r.spend().inefficient().costUsd()),
      micros(r.spend().wasteful().costUsd()),
      r.spend().productive().tokens(),
      r.spend().inefficient().tokens(),
      r.spend().wasteful().tokens(),
      r.outcome().label() == OutcomeLabel.SUCCESS ? 1 : 0,
      r.outcome().label() == OutcomeLabel.FAILURE ? 1 : 0
    };
  }

  /** One model's share of a session's sums, in the order of {@link SessionFields#SUMMED}. */
  static long[] modelSums(ModelSpend m, boolean success, boolean failure) {
    return new long[] {
      micros(m.costUsd()),
      m.tokens(),
      m.requests(),
      micros(m.spend().productive().costUsd()),
      micros(m.spend().inefficient().costUsd()),
      micros(m.spend().wasteful().costUsd()),
      m.spend().productive().tokens(),
      m.spend().inefficient().tokens(),
      m.spend().wasteful().tokens(),
      success ? 1 : 0,
      failure ? 1 : 0
    };
  }

  private static void feed(
      Document d,
      SessionReport r,
      long seq,
      long indexedAt,
      String kind,
      String summary,
      String label,
      long costMicros) {
    Session s = r.session();
    d.add(new LongPoint(SessionFields.SEQ, seq));
    d.add(new NumericDocValuesField(SessionFields.SEQ, seq));
    d.add(new StoredField(SessionFields.SEQ, seq));
    d.add(new StoredField(SessionFields.INDEXED_AT, indexedAt));
    d.add(new StoredField(SessionFields.FEED_KIND, kind));
    d.add(new StoredField(SessionFields.FEED_SUMMARY, summary));
    d.add(new StoredField(SessionFields.FEED_LABEL, label));
    d.add(new StoredField(SessionFields.FEED_COST_MICROS, costMicros));
    if (s.user() != null) {
      d.add(new StoredField(SessionFields.FEED_USER, s.user()));
    }
    if (s.repo() != null) {
      d.add(new StoredField(SessionFields.FEED_REPO, s.repo()));
    }
    if (s.team() != null) {
      d.add(new StoredField(SessionFields.FEED_TEAM, s.team()));
    }
    String model = mainModel(r);
    if (!model.equals(SessionFields.NONE)) {
      d.add(new StoredField(SessionFields.FEED_MODEL, model));
    }
    if (!kind.equals("session")) {
      // the session document indexes these with its facets; findings only need them to filter
      d.add(new StringField(SessionFields.USER, orNone(s.user()), Field.Store.NO));
      d.add(new StringField(SessionFields.REPO, orNone(s.repo()), Field.Store.NO));
      d.add(new StringField(SessionFields.TEAM, orNone(s.team()), Field.Store.NO));
    }
  }

  private static void facet(Document d, String dim, @Nullable String value) {
    String v = orNone(value);
    d.add(new StringField(dim, v, Field.Store.NO));
    d.add(new SortedSetDocValuesFacetField(dim, v));
  }

  static String orNone(@Nullable String value) {
    return value == null || value.isBlank() ? SessionFields.NONE : value;
  }

  /** The model the session spent most on (requests break ties); {@code (none)} if no requests. */
  static String mainModel(SessionReport r) {
    ModelSpend best = null;
    for (ModelSpend m : r.models()) {
      if (best == null
          || m.costUsd() > best.costUsd()
          || (m.costUsd() == best.costUsd() && m.requests() > best.requests())) {
        best = m;
      }
    }
    return best == null ? SessionFields.NONE : best.model();
  }

  /** The finding that claims the most dollars (then tokens), or null if there is none. */
  static @Nullable Finding topFinding(SessionReport r) {
    Finding best = null;
    for (Finding f : r.findings()) {
      if (best == null
          || f.costUsd() > best.costUsd()
          || (f.costUsd() == best.costUsd() && f.tokens() > best.tokens())) {
        best = f;
      }
    }
    return best;
  }

  /** The label of the largest avoidable spend, or productive if there is none. */
  static String dominantLabel(SessionReport r) {
    double w = r.spend().wasteful().costUsd();
    double i = r.spend().inefficient().costUsd();
    if (w <= 0 && i <= 0) {
      return SpendLabel.PRODUCTIVE.json();
    }
    return (w >= i ? SpendLabel.WASTEFUL : SpendLabel.INEFFICIENT).json();
  }

  /** "this session: $3.20, 41% wasteful: `pytest` re-run 7x with the same failure". */
  static String sessionLine(SessionReport r) {
    double cost = r.costUsd();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: $%.2f", r.session().id().value(), cost));
    String label = dominantLabel(r);
    if (!label.equals(SpendLabel.PRODUCTIVE.json()) && cost > 0) {
      double share = r.spend().of(SpendLabel.parse(label)).costUsd() / cost;
      b.append(String.format(Locale.ROOT, ", %.0f%% %s", share * 100, label));
    } else {
      b.append(String.format(Locale.ROOT, " over %d requests", r.requests()));
    }
    Finding top = topFinding(r);
    b.append(top == null ? ", no waste found" : ": " + top.summary());
    return b.toString();
  }

  private static String text(SessionReport r) {
    Session s = r.session();
    StringBuilder b = new StringBuilder();
    b.append(s.id().value()).append('\n');
    append(b, s.project());
    append(b, s.repo());
    append(b, s.branch());
    append(b, s.user());
    append(b, s.team());
    for (Finding f : r.findings()) {
      append(b, f.summary());
      for (String e : f.evidence()) {
        append(b, e);
      }
    }
    for (Step.ToolCall c : s.stepsOf(Step.ToolCall.class)) {
      if (b.length() > MAX_TEXT_CHARS) {
        break;
      }
      append(b, c.tool() + " " + c.target());
    }
    // commands hold whatever the agent typed, keys included: none may become searchable
    return Secrets.scrub(
        b.length() > MAX_TEXT_CHARS ? b.substring(0, MAX_TEXT_CHARS) : b.toString());
  }

  private static void append(StringBuilder b, @Nullable String s) {
    if (s != null && !s.isBlank()) {
      b.append(s).append('\n');
    }
  }
}
