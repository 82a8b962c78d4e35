package dev.tokensieve.web.store;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.store.UploadRejectedException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The session store: analysed sessions and findings in an embedded Lucene index under {@code
 * DATA/index}, and the raw uploaded files under {@code DATA/raw}, so that {@link #reindex()} can
 * rebuild everything when the analyzer improves.
 *
 * <p>Writes are serialised; reads are concurrent. An upload is validated, parsed and analysed
 * completely before anything is written, then its raw files are moved into place and its documents
 * indexed and committed once: a rejected upload changes nothing, and a crash before the commit
 * leaves the index as it was (a raw file written before the crash is reused by the next upload of
 * the same bytes). Uploading the same bytes with the same attribution again changes nothing.
 * Thread-safe.
 */
public final class SessionStore implements Closeable {
  /** The largest page {@link #search} and {@link #feed} return. */
  public static final int MAX_PAGE = 500;

  private static final FacetsConfig FACETS = SessionFields.facetsConfig();

  /** The commit's user data key: the {@code storedAt} of the last upload it holds. */
  private static final String ACKED_UNTIL = "ackedUntil";

  private final Path dataDir;
  private final SessionAnalyzer analyzer;
  private final UploadLimits limits;
  private final RawFiles raw;
  private final Directory directory;
  private final Analyzer textAnalyzer = new StandardAnalyzer();
  private final Object writeLock = new Object();
  private final AtomicLong seq = new AtomicLong();
  private final List<Consumer<List<FeedItem>>> feedListeners = new CopyOnWriteArrayList<>();
  private IndexWriter writer;
  private SearcherManager searchers;
  private @Nullable FacetState facetState;
  private long ackedUntil;
  private final int debrisRemoved;

  private record FacetState(DirectoryReader reader, SortedSetDocValuesReaderState state) {}

  private SessionStore(Path dataDir, SessionAnalyzer analyzer, UploadLimits limits)
      throws IOException {
    this.dataDir = Files.createDirectories(dataDir);
    this.analyzer = analyzer;
    this.limits = limits;
    this.raw = new RawFiles(dataDir.resolve("raw"));
    this.directory = FSDirectory.open(dataDir.resolve("index"));
    this.writer = newWriter();
    this.searchers = new SearcherManager(writer, null);
    this.seq.set(maxSeq());
    Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
    if (committed != null) {
      for (Map.Entry<String, String> e : committed) {
        if (e.getKey().equals(ACKED_UNTIL)) {
          ackedUntil = Long.parseLong(e.getValue());
        }
      }
    }
    this.debrisRemoved = sweepDebris();
  }

  /**
   * Removes what a crash left behind: upload and reindex work folders, temporary raw files, and the
   * raw files of uploads that were never committed (so that {@link #reindex()} never brings back an
   * upload that was not acknowledged).
   */
  private int sweepDebris() throws IOException {
    int removed = 0;
    List<Path> work = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, "{upload-,reindex-}*")) {
      dirs.forEach(work::add);
    }
    for (Path d : work) {
      deleteQuietly(d);
      removed++;
    }
    return removed + raw.sweep(ackedUntil);
  }

  /** How many leftover files and folders of an earlier crash were removed at opening. */
  public int debrisRemoved() {
    return debrisRemoved;
  }

  /** A new work folder for an upload, inside the data dir (removed at the next start if left). */
  public Path newWorkDir() throws IOException {
    return Files.createTempDirectory(dataDir, "upload-");
  }

  /**
   * Opens (or creates) the store under {@code dataDir}.
   *
   * @throws UncheckedIOException if the directory cannot be used
   */
  public static SessionStore open(Path dataDir, SessionAnalyzer analyzer, UploadLimits limits) {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(analyzer, "analyzer");
    requireNonNull(limits, "limits");
    try {
      return new SessionStore(dataDir, analyzer, limits);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the session store in " + dataDir, e);
    }
  }

  /** Opens the store with the default upload limits. */
  public static SessionStore open(Path dataDir, SessionAnalyzer analyzer) {
    return open(dataDir, analyzer, UploadLimits.DEFAULT);
  }

  /** The upload limits in force. */
  public UploadLimits limits() {
    return limits;
  }

  /** Calls {@code listener} with the new feed items, oldest first, after each commit. */
  public void onFeed(Consumer<List<FeedItem>> listener) {
    feedListeners.add(requireNonNull(listener, "listener"));
  }

  private IndexWriter newWriter() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(textAnalyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setCommitOnClose(false);
    return new IndexWriter(directory, config);
  }

  // ------------------------------------------------------------------------------------------
  // writing

  /** A session ready to index, the raw files it came from and its owner. */
  private static final class Pending {
    final SessionReport report;
    final Set<String> raw = new LinkedHashSet<>();
    final @Nullable String owner;

    Pending(SessionReport report, @Nullable String owner) {
      this.report = report;
      this.owner = owner;
    }
  }

  /** Stores the sessions of {@code files} as an admin would (a server without tokens). */
  public IngestResult ingest(List<UploadFile> files, Attribution attribution) {
    return ingest(files, attribution, Uploader.OPEN);
  }

  /**
   * Stores the sessions of {@code files}, attributed as {@code attribution} says, owned by {@code
   * uploader}. Files are read and analysed before the write lock is taken, so that uploads proceed
   * in parallel; only the conflict check, the raw files and the index commit are serialised.
   *
   * @throws UploadRejectedException if a file is not a trace, too large, a zip bomb, or yields no
   *     session; or if a session it holds is stored already under another owner or team and the
   *     uploader is not an admin (a conflict); then nothing was stored
   */
  public IngestResult ingest(List<UploadFile> files, Attribution attribution, Uploader uploader) {
    requireNonNull(attribution, "attribution");
    requireNonNull(uploader, "uploader");
    if (files.isEmpty()) {
      throw new UploadRejectedException(Reason.BAD_REQUEST, "no file in the upload", null, 0);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory(dataDir, "upload-");
      List<String> unchanged = new ArrayList<>();
      Map<String, Pending> pending = new LinkedHashMap<>();
      Map<String, UploadFile> originals = new LinkedHashMap<>();
      List<ParseProblem> problems = new ArrayList<>();
      int index = 0;
      for (UploadFile f : files) {
        String sha = RawFiles.sha256(f.path());
        Optional<RawFiles.Meta> known = raw.find(sha);
        if (known.isPresent()
            && known.get().attribution().equals(attribution)
            && Objects.equals(known.get().owner(), uploader.owner())) {
          List<String> existing = summariesOfRaw(sha);
          if (!existing.isEmpty()) {
            unchanged.addAll(existing);
            continue;
          }
        }
        problems.addAll(
            read(f, sha, attribution, uploader.owner(), work.resolve("u" + index++), pending));
        originals.put(sha, f);
      }
      List<String> summaries = new ArrayList<>();
      if (!pending.isEmpty()) {
        synchronized (writeLock) {
          refuseConflicts(pending.values(), uploader);
          long now = Math.max(System.currentTimeMillis(), ackedUntil + 1);
          for (Map.Entry<String, UploadFile> e : originals.entrySet()) {
            raw.put(
                e.getValue().path(),
                new RawFiles.Meta(
                    e.getKey(),
                    e.getValue().name(),
                    attribution.team(),
                    attribution.user(),
                    attribution.repo(),
                    now,
                    uploader.owner(),
                    uploader.recordedAs()));
          }
          try {
            index(pending.values(), now, false);
          } catch (IOException | RuntimeException e) {
            for (String sha : originals.keySet()) {
              raw.abandon(sha);
            }
            throw e;
          }
          for (String sha : originals.keySet()) {
            raw.acknowledge(sha);
          }
        }
        for (Pending p : pending.values()) {
          summaries.add(SessionJson.summary(p.report));
        }
      }
      summaries.addAll(unchanged);
      return new IngestResult(summaries, pending.size(), unchanged.size(), problems);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the upload", e);
    } finally {
      deleteQuietly(work);
    }
  }

  /**
   * Refuses the upload if one of its sessions is stored already under another owner, or another
   * team, unless the uploader is an admin: a session's data may change only through its owner.
   */
  private void refuseConflicts(Collection<Pending> sessions, Uploader uploader) {
    if (uploader.admin()) {
      return;
    }
    for (Pending p : sessions) {
      Session s = p.report.session();
      String id = s.id().value();
      Optional<Document> old = storedSession(id);
      if (old.isEmpty()) {
        continue;
      }
      String oldOwner = old.get().get(SessionFields.OWNER);
      String oldTeam = old.get().get(SessionFields.FEED_TEAM);
      if (!SessionDocuments.orNone(uploader.owner()).equals(oldOwner)) {
        throw new UploadRejectedException(
            Reason.CONFLICT,
            "session " + id + " is stored already, uploaded by someone else; it was not changed",
            s.sources().isEmpty() ? null : s.sources().get(0),
            0);
      }
      if (!Objects.equals(oldTeam, s.team())) {
        throw new UploadRejectedException(
            Reason.CONFLICT,
            "session "
                + id
                + " is stored already for team "
                + (oldTeam == null ? SessionFields.NONE : oldTeam)
                + "; only an admin may re-attribute it",
            s.sources().isEmpty() ? null : s.sources().get(0),
            0);
      }
    }
  }

  private Optional<Document> storedSession(String id) {
    return read(
        s -> {
          TopDocs top = s.search(sessionById(id), 1);
          return top.scoreDocs.length == 0
              ? Optional.<Document>empty()
              : Optional.of(s.storedFields().document(top.scoreDocs[0].doc));
        });
  }

  private List<ParseProblem> read(
      UploadFile f,
      String sha,
      Attribution attribution,
      @Nullable String owner,
      Path work,
      Map<String, Pending> into)
      throws IOException {
    List<Unpacker.TraceFile> traces = new Unpacker(limits).unpack(f, work);
    boolean archive = traces.size() != 1 || !traces.get(0).name().equals(f.name());
    return TraceReading.read(
        f.name(),
        archive,
        traces,
        s -> {
          SessionReport report = analyzer.analyze(attribute(s, attribution));
          Pending p =
              into.compute(
                  s.id().value(),
                  (k, old) -> {
                    Pending n = new Pending(report, owner);
                    if (old != null) {
                      n.raw.addAll(old.raw);
                    }
                    return n;
                  });
          p.raw.add(sha);
        });
  }

  private static Session attribute(Session s, Attribution a) {
    if (a.equals(Attribution.NONE)) {
      return s;
    }
    return new Session(
        s.id(),
        s.agent(),
        s.sources(),
        s.project(),
        a.repo() != null ? a.repo() : s.repo(),
        s.branch(),
        a.user() != null ? a.user() : s.user(),
        a.team() != null ? a.team() : s.team(),
        s.startedAt(),
        s.endedAt(),
        s.requests(),
        s.steps(),
        s.attributes());
  }

  /** Indexes {@code sessions} and commits once; on failure, rolls back and reopens. */
  private void index(Iterable<Pending> sessions, long now, boolean replaceAll) throws IOException {
    long before = seq.get();
    try {
      if (replaceAll) {
        writer.deleteAll();
      }
      for (Pending p : sessions) {
        String id = p.report.session().id().value();
        Set<String> shas = new LinkedHashSet<>(replaceAll ? Set.of() : rawOf(id));
        shas.addAll(p.raw);
        List<Document> docs =
            SessionDocuments.build(p.report, shas, seq::incrementAndGet, now, p.owner);
        writer.updateDocuments(new Term(SessionFields.SESSION_ID, id), docs);
      }
      writer.setLiveCommitData(Map.of(ACKED_UNTIL, Long.toString(now)).entrySet());
      writer.commit();
      ackedUntil = now;
    } catch (IOException | RuntimeException e) {
      recover();
      throw e;
    }
    searchers.maybeRefreshBlocking();
    publish(before);
  }

  private void recover() {
    try {
      searchers.close();
      writer.rollback();
    } catch (IOException | RuntimeException suppressed) {
      // the writer is closed either way; reopening below reads the last commit
    }
    try {
      writer = newWriter();
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen the index after a failed write", e);
    }
  }

  private void publish(long afterSeq) throws IOException {
    if (feedListeners.isEmpty()) {
      return;
    }
    List<FeedItem> items = new ArrayList<>(feed(new FeedQuery(null, null, afterSeq, null, 0)));
    items.sort(Comparator.comparingLong(FeedItem::seq));
    for (Consumer<List<FeedItem>> l : feedListeners) {
      l.accept(items);
    }
  }

  /** What {@link #reindex()} did. */
  public record ReindexResult(int files, int sessions, List<ParseProblem> problems) {
    /** Copies the list. */
    public ReindexResult {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Rebuilds the index from the raw files with the current analyzer, in upload order (a later
   * upload of a session wins), and commits once: until then readers see the old index.
   */
  public ReindexResult reindex() {
    synchronized (writeLock) {
      Path work = null;
      try {
        work = Files.createTempDirectory(dataDir, "reindex-");
        List<RawFiles.Meta> metas = raw.all();
        metas.sort(Comparator.comparingLong(RawFiles.Meta::storedAt));
        Map<String, Pending> pending = new LinkedHashMap<>();
        List<ParseProblem> problems = new ArrayList<>();
        int index = 0;
        for (RawFiles.Meta m : metas) {
          Path restored = raw.restore(m, work.resolve("r" + index));
          UploadFile f = new UploadFile(m.name(), restored);
          try {
            problems.addAll(
                read(f, m.sha(), m.attribution(), m.owner(), work.resolve("u" + index), pending));
          } catch (UploadRejectedException e) {
            problems.add(
                new ParseProblem(e.file() == null ? m.name() : e.file(), e.line(), e.getMessage()));
          }
          index++;
        }
        index(pending.values(), Math.max(System.currentTimeMillis(), ackedUntil), true);
        return new ReindexResult(metas.size(), pending.size(), problems);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reindex " + dataDir, e);
      } finally {
        deleteQuietly(work);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // reading

  private interface Read<T> {
    T apply(IndexSearcher s) throws IOException;
  }

  private <T> T read(Read<T> body) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return body.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index in " + dataDir, e);
    }
  }

  /** How many sessions are stored. */
  public int sessionCount() {
    return read(s -> s.count(sessions()));
  }

  /** How many documents (sessions and findings) the index holds. */
  public int documentCount() {
    return read(s -> s.getIndexReader().numDocs());
  }

  /** The session {@code id} as {@code tokensieve.report/v1} JSON with request lines, if stored. */
  public Optional<String> report(String id) {
    return report(id, Visibility.ALL);
  }

  /** The session {@code id}, if stored and visible to {@code vis}. */
  public Optional<String> report(String id, Visibility vis) {
    return read(
        s -> {
          TopDocs top = s.search(visible(sessionById(id), vis), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          return Optional.of(
              s.storedFields().document(top.scoreDocs[0].doc).get(SessionFields.REPORT));
        });
  }

  private List<String> summariesOfRaw(String sha) {
    return read(
        s -> {
          Query q =
              new BooleanQuery.Builder()
                  .add(sessions(), Occur.FILTER)
                  .add(new TermQuery(new Term(SessionFields.RAW, sha)), Occur.FILTER)
                  .build();
          List<String> out = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (ScoreDoc d : s.search(q, Integer.MAX_VALUE).scoreDocs) {
            out.add(stored.document(d.doc).get(SessionFields.SUMMARY));
          }
          return out;
        });
  }

  private List<String> rawOf(String id) {
    return read(
        s -> {
          TopDocs top = s.search(sessionById(id), 1);
          List<String> out = new ArrayList<>();
          if (top.scoreDocs.length > 0) {
            for (IndexableField f :
                s.storedFields().document(top.scoreDocs[0].doc).getFields(SessionFields.RAW)) {
              out.add(f.stringValue());
            }
          }
          return out;
        });
  }

  private static Query visible(Query q, Visibility vis) {
    Query filter = vis.filter();
    return filter == null
        ? q
        : new BooleanQuery.Builder().add(q, Occur.FILTER).add(filter, Occur.FILTER).build();
  }

  private static Query sessions() {
    return new TermQuery(new Term(SessionFields.TYPE, SessionFields.TYPE_SESSION));
  }

  private static Query sessionById(String id) {
    return new BooleanQuery.Builder()
        .add(sessions(), Occur.FILTER)
        .add(new TermQuery(new Term(SessionFields.DOC_ID, id)), Occur.FILTER)
        .build();
  }

  /** The dimensions {@link SessionQuery#filters()} may name. */
  public static final List<String> FILTERS =
      List.of("team", "user", "repo", "agent", "model", "outcome", "label");

  private Query sessionQuery(
      Map<String, String> filters,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable String text,
      Visibility vis) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(visible(sessions(), vis), Occur.FILTER);
    for (Map.Entry<String, String> f : filters.entrySet()) {
      if (!FILTERS.contains(f.getKey())) {
        throw new IllegalArgumentException(
            "unknown filter " + f.getKey() + ", expected one of " + FILTERS);
      }
      String field = f.getKey().equals("model") ? SessionFields.MODELS : f.getKey();
      b.add(new TermQuery(new Term(field, f.getValue())), Occur.FILTER);
    }
    startedIn(b, from, to);
    if (text != null && !text.isBlank()) {
      SimpleQueryParser parser = new SimpleQueryParser(textAnalyzer, SessionFields.TEXT);
      parser.setDefaultOperator(Occur.MUST);
      b.add(parser.parse(text), Occur.MUST);
    }
    return b.build();
  }

  /** One page of the sessions {@code q} selects, in its order. */
  public SessionPage search(SessionQuery q) {
    return search(q, Visibility.ALL);
  }

  /** One page of the sessions {@code q} selects among those {@code vis} sees, in its order. */
  public SessionPage search(SessionQuery q, Visibility vis) {
    int limit = Math.max(1, Math.min(q.limit(), MAX_PAGE));
    Query query = sessionQuery(q.filters(), q.from(), q.to(), q.text(), vis);
    String field =
        q.sort() == SessionQuery.Sort.COST ? SessionFields.COST_MICROS : SessionFields.STARTED_AT;
    Sort sort =
        new Sort(
            new SortField(field, SortField.Type.LONG, true),
            new SortField(SessionFields.ID_SORT, SortField.Type.STRING));
    Object[] afterValues = q.cursor() == null ? null : decodeCursor(q.cursor());
    return read(
        s -> {
          // The last doc id makes the cursor's own session (the only tie on every sort field,
          // since ids are unique) sort before the page, so it is not repeated.
          FieldDoc after =
              afterValues == null
                  ? null
                  : new FieldDoc(s.getIndexReader().maxDoc() - 1, Float.NaN, afterValues);
          TopDocs top =
              after == null
                  ? s.search(query, limit, sort)
                  : s.searchAfter(after, query, limit, sort);
          List<String> out = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (ScoreDoc d : top.scoreDocs) {
            out.add(stored.document(d.doc).get(SessionFields.SUMMARY));
          }
          String next = null;
          if (top.scoreDocs.length == limit) {
            FieldDoc last = (FieldDoc) top.scoreDocs[limit - 1];
            next = encodeCursor((Long) last.fields[0], (BytesRef) last.fields[1]);
          }
          return new SessionPage(out, s.count(query), next);
        });
  }

  private static String encodeCursor(long value, BytesRef id) {
    String plain = value + ":" + id.utf8ToString();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort values a cursor holds: the sort field's value and the session id. */
  private static Object[] decodeCursor(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      long value = Long.parseLong(plain.substring(0, colon));
      return new Object[] {value, new BytesRef(plain.substring(colon + 1))};
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("cursor is not one this server gave out: " + cursor, e);
    }
  }

  /**
   * The sums of each group of sessions started in {@code [from, to)}, grouped by {@code by} ({@code
   * team, user, repo, model, agent, outcome}), dearest first. Group keys and counts come from the
   * facets; the sums from doc values, over exactly the sessions of each group. By model, each
   * session's spend is split by the model of each of its requests (its model documents), so a
   * session that used two models counts once under each, with each model's own share.
   *
   * @throws ReindexNeededException by model, on a store indexed before model documents existed
   */
  public List<GroupStats> compare(String by, @Nullable Instant from, @Nullable Instant to) {
    return compare(by, from, to, Visibility.ALL);
  }

  /** {@link #compare(String, Instant, Instant)} over the sessions {@code vis} sees. */
  public List<GroupStats> compare(
      String by, @Nullable Instant from, @Nullable Instant to, Visibility vis) {
    if (!SessionFields.GROUP_DIMS.contains(by)) {
      throw new IllegalArgumentException(
          "cannot group by " + by + ", expected one of " + SessionFields.GROUP_DIMS);
    }
    boolean byModel = by.equals(SessionFields.MODEL);
    Query query =
        byModel ? visible(modelQuery(from, to), vis) : sessionQuery(Map.of(), from, to, null, vis);
    if (byModel) {
      requireModelDocuments();
    }
    return read(
        s -> {
          List<GroupStats> out = new ArrayList<>();
          SortedSetDocValuesReaderState state = facetState(s);
          if (state == null) {
            return out;
          }
          FacetsCollector fc = s.search(query, new FacetsCollectorManager());
          FacetResult groups = new SortedSetDocValuesFacetCounts(state, fc).getAllChildren(by);
          if (groups == null) {
            return out;
          }
          for (LabelAndValue lv : groups.labelValues) {
            Query group =
                new BooleanQuery.Builder()
                    .add(query, Occur.FILTER)
                    .add(new TermQuery(new Term(by, lv.label)), Occur.FILTER)
                    .build();
            long[] v = s.search(group, new Sums(SessionFields.SUMMED));
            out.add(
                new GroupStats(
                    lv.label, v[0], v[3], v[2], v[1], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                    v[11]));
          }
          out.sort(
              Comparator.comparingLong(GroupStats::costMicros)
                  .reversed()
                  .thenComparing(GroupStats::key));
          return out;
        });
  }

  /** Adds to {@code b} that the session started in {@code [from, to)}, where either is given. */
  private static void startedIn(
      BooleanQuery.Builder b, @Nullable Instant from, @Nullable Instant to) {
    if (from != null || to != null) {
      long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
      long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
      b.add(LongPoint.newRangeQuery(SessionFields.STARTED_AT, lo, hi), Occur.FILTER);
    }
  }

  /** The model documents of sessions started in {@code [from, to)}. */
  private static Query modelQuery(@Nullable Instant from, @Nullable Instant to) {
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(SessionFields.TYPE, SessionFields.TYPE_MODEL)),
                Occur.FILTER);
    startedIn(b, from, to);
    return b.build();
  }

  /** A store whose sessions have no model documents cannot compare models truthfully. */
  private void requireModelDocuments() {
    boolean missing =
        read(
            s ->
                s.count(sessions()) > 0
                    && s.count(
                            new TermQuery(new Term(SessionFields.TYPE, SessionFields.TYPE_MODEL)))
                        == 0);
    if (missing) {
      throw new ReindexNeededException(
          "this store was indexed before spend was split by each request's model: run"
              + " `tokensieve reindex --data DIR` once to compare models");
    }
  }

  private @Nullable SortedSetDocValuesReaderState facetState(IndexSearcher s) throws IOException {
    DirectoryReader reader = (DirectoryReader) s.getIndexReader();
    FacetState cached = facetState;
    if (cached != null && cached.reader() == reader) {
      return cached.state();
    }
    if (s.count(sessions()) == 0) {
      return null;
    }
    SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, FACETS);
    facetState = new FacetState(reader, state);
    return state;
  }

  /** The feed items {@code q} selects, newest first; {@code limit <= 0} means all. */
  public List<FeedItem> feed(FeedQuery q) {
    return feed(q, Visibility.ALL);
  }

  /** The feed items {@code q} selects among the sessions {@code vis} sees, newest first. */
  public List<FeedItem> feed(FeedQuery q, Visibility vis) {
    BooleanQuery.Builder b =
        new BooleanQuery.Builder().add(visible(new MatchAllDocsQuery(), vis), Occur.FILTER);
    if (q.user() != null) {
      b.add(new TermQuery(new Term(SessionFields.USER, q.user())), Occur.FILTER);
    }
    if (q.repo() != null) {
      b.add(new TermQuery(new Term(SessionFields.REPO, q.repo())), Occur.FILTER);
    }
    long lo = q.since() == null ? Long.MIN_VALUE : q.since() + 1;
    long hi = q.before() == null ? Long.MAX_VALUE : q.before() - 1;
    b.add(LongPoint.newRangeQuery(SessionFields.SEQ, lo, hi), Occur.FILTER);
    Query query = b.build();
    Sort sort = new Sort(new SortField(SessionFields.SEQ, SortField.Type.LONG, true));
    return read(
        s -> {
          int n = q.limit() <= 0 ? Math.max(1, s.getIndexReader().maxDoc()) : q.limit();
          List<FeedItem> out = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (ScoreDoc d : s.search(query, n, sort).scoreDocs) {
            Document doc = stored.document(d.doc);
            out.add(
                new FeedItem(
                    doc.getField(SessionFields.SEQ).numericValue().longValue(),
                    Instant.ofEpochMilli(
                        doc.getField(SessionFields.INDEXED_AT).numericValue().longValue()),
                    doc.get(SessionFields.SESSION_ID),
                    doc.get(SessionFields.FEED_KIND),
                    doc.get(SessionFields.FEED_SUMMARY),
                    doc.getField(SessionFields.FEED_COST_MICROS).numericValue().longValue(),
                    doc.get(SessionFields.FEED_LABEL),
                    doc.get(SessionFields.FEED_USER),
                    doc.get(SessionFields.FEED_REPO),
                    doc.get(SessionFields.FEED_TEAM),
                    doc.get(SessionFields.FEED_MODEL),
                    ownerOrNull(doc.get(SessionFields.OWNER))));
          }
          return out;
        });
  }

  /** The newest feed cursor: a stream that starts now resumes from it. */
  public long feedCursor() {
    return seq.get();
  }

  private static @Nullable String ownerOrNull(@Nullable String owner) {
    return owner == null || owner.equals(SessionFields.NONE) ? null : owner;
  }

  private long maxSeq() {
    List<FeedItem> newest = feed(new FeedQuery(null, null, null, null, 1));
    return newest.isEmpty() ? 0 : newest.get(0).seq();
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      try {
        searchers.close();
        writer.close();
        directory.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the session store in " + dataDir, e);
      }
    }
  }

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless; the next start does not read it
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SessionStore[%s]", dataDir);
  }
}
