package dev.tokensieve.parsers;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The trace inputs a {@link TraceScanner} found, ready to be parsed.
 *
 * <p>Inputs are ordered by their first timestamp, then by path, and sessions are delivered in that
 * order however many threads parse them: a bounded window of inputs is parsed ahead in parallel and
 * delivered in order, so memory is bounded by the window times the largest session, and the result
 * is identical to a one-thread run. A request whose call id an earlier session already counted
 * (resumed and forked sessions replay history) is dropped from the later session, with the tool
 * calls it issued and their results; a session left with none of its requests is dropped.
 *
 * <p>Each run ({@link #forEach} or {@link #sessions}) parses again from the start. Not thread-safe:
 * run one at a time.
 */
public final class Corpus {
  private final List<Entry> entries;
  private final List<ParseProblem> discoveryProblems;
  private final List<ParseProblem> skipped;
  private final int threads;
  private final int window;
  private final ScanProgress progress;
  private volatile List<ParseProblem> problems;
  private volatile ScanSummary last;

  /** One trace input, with its format, first timestamp and size on disk. */
  record Entry(TraceInput input, TraceFormat format, @Nullable Instant firstAt, long bytes) {}

  Corpus(
      List<Entry> entries,
      List<ParseProblem> discoveryProblems,
      List<ParseProblem> skipped,
      int threads,
      int window,
      ScanProgress progress) {
    this.entries = List.copyOf(entries);
    this.discoveryProblems = List.copyOf(discoveryProblems);
    this.skipped = List.copyOf(skipped);
    this.threads = threads;
    this.window = window;
    this.progress = progress;
    this.problems = this.discoveryProblems;
    this.last = summary(0, 0, this.discoveryProblems);
  }

  /** The trace inputs, in delivery order. */
  public List<TraceInput> inputs() {
    List<TraceInput> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.input());
    }
    return out;
  }

  /** The format of each input, in the order of {@link #inputs()}. */
  public List<TraceFormat> formats() {
    List<TraceFormat> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.format());
    }
    return out;
  }

  /** The size on disk of every input's files. */
  public long totalBytes() {
    long sum = 0;
    for (Entry e : entries) {
      sum += e.bytes();
    }
    return sum;
  }

  /**
   * The problems met so far: those of discovery (unreadable or unrecognised files), then those of
   * the latest run, in input order.
   */
  public List<ParseProblem> problems() {
    return problems;
  }

  /**
   * What the walk passed over that is not a trace and cannot be: hidden entries, files whose names
   * no trace has (a README, a LICENSE) and files whose content no format recognises (metadata,
   * outcomes), each with why. Not problems: {@code --strict} ignores them.
   */
  public List<ParseProblem> skipped() {
    return skipped;
  }

  /** Parses every input and hands each session to {@code consumer}, in order, on this thread. */
  public ScanSummary forEach(Consumer<Session> consumer) {
    try (Run run = new Run()) {
      while (run.hasNext()) {
        consumer.accept(run.next());
      }
      return run.summary();
    }
  }

  /**
   * The sessions, parsed lazily as the stream is consumed; close the stream to stop early. {@link
   * #problems()} and {@link #summary()} are complete once the stream is exhausted.
   */
  public Stream<Session> sessions() {
    Run run = new Run();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(run, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(run::close);
  }

  /** The summary of the latest run (of discovery alone before any run). */
  public ScanSummary summary() {
    return last;
  }

  private ScanSummary summary(int sessions, long duplicates, List<ParseProblem> all) {
    int files = 0;
    for (Entry e : entries) {
      files += 1 + e.input().related().size(); // not files(), which copies
    }
    return new ScanSummary(sessions, entries.size(), files, totalBytes(), duplicates, all);
  }

  private record Parsed(
      List<Session> sessions, List<CallIds> callIds, List<ParseProblem> problems) {}

  /**
   * A session's request call ids and their hashes, in request order, gathered on the parsing thread
   * for {@link CallIdSet}.
   */
  record CallIds(String[] ids, int[] hashes) {
    static CallIds of(Session s) {
      List<Request> requests = s.requests();
      String[] ids = new String[requests.size()];
      int[] hashes = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = requests.get(i).callId();
        hashes[i] = ids[i].hashCode();
      }
      return new CallIds(ids, hashes);
    }
  }

  private static Parsed parse(Entry e) {
    List<ParseProblem> problems = new ArrayList<>();
    ProblemSink sink = problems::add;
    try (Stream<Session> s = e.format().newParser().parse(e.input(), sink)) {
      List<Session> sessions = s.toList();
      List<CallIds> callIds = new ArrayList<>(sessions.size());
      for (Session session : sessions) {
        callIds.add(CallIds.of(session));
      }
      return new Parsed(sessions, callIds, problems);
    } catch (UncheckedIOException ex) {
      problems.add(new ParseProblem(e.input().main().toString(), 0, IoProblems.describe(ex)));
    } catch (TraceFormatException ex) {
      problems.add(new ParseProblem(e.input().main().toString(), 0, ex.getMessage()));
    } catch (RuntimeException ex) {
      // a parser bug must not end the scan of a whole corpus: report it with the file
      problems.add(new ParseProblem(e.input().main().toString(), 0, IoProblems.internal(ex)));
    }
    return new Parsed(List.of(), List.of(), problems);
  }

  /** The result of a parsing or sniffing task; its errors rethrown unchecked. */
  static <T> T take(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("corpus scan interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("parsing failed", cause);
    }
  }

  /** One ordered, windowed, parallel pass over the inputs. */
  private final class Run implements Iterator<Session>, AutoCloseable {
    private final @Nullable ExecutorService pool;
    private final ArrayDeque<Future<Parsed>> ahead = new ArrayDeque<>();
    private final ArrayDeque<Session> ready = new ArrayDeque<>();
    private final List<ParseProblem> found = new ArrayList<>(discoveryProblems);
    private final CallIdSet seenCalls = new CallIdSet();
    private final long total = totalBytes();
    private int submitted;
    private int delivered;
    private long bytesDone;
    private int sessions;
    private long duplicates;

    Run() {
      pool = threads > 1 ? Executors.newFixedThreadPool(threads, new Named("parse")) : null;
      problems = Collections.unmodifiableList(found);
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && delivered < entries.size()) {
        fill();
        Parsed p = take(ahead.removeFirst());
        Entry e = entries.get(delivered++);
        found.addAll(p.problems());
        for (int i = 0; i < p.sessions().size(); i++) {
          Session d = dedup(p.sessions().get(i), p.callIds().get(i));
          if (d != null) {
            ready.add(d);
          }
        }
        bytesDone += e.bytes();
        progress.update(bytesDone, total);
      }
      if (ready.isEmpty()) {
        last = Corpus.this.summary(sessions, duplicates, found);
        return false;
      }
      return true;
    }

    @Override
    public Session next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      sessions++;
      return ready.removeFirst();
    }

    ScanSummary summary() {
      ScanSummary s = Corpus.this.summary(sessions, duplicates, found);
      last = s;
      return s;
    }

    private void fill() {
      while (ahead.size() < window && submitted < entries.size()) {
        Entry e = entries.get(submitted++);
        ahead.add(
            pool == null
                ? CompletableFuture.completedFuture(parse(e))
                : pool.submit(() -> parse(e)));
      }
    }

    /** Drops requests an earlier session counted; null if nothing of the session is new. */
    private @Nullable Session dedup(Session s, CallIds calls) {
      List<Request> requests = s.requests();
      int n = requests.size();
      boolean[] dropped = new boolean[n];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        if (seenCalls.add(calls.ids()[i], calls.hashes()[i])) {
          kept++;
        } else {
          dropped[i] = true;
        }
      }
      if (kept == n) {
        return s;
      }
      duplicates += n - kept;
      if (kept == 0) {
        return null;
      }
      int[] map = new int[n];
      Session.Builder b = s.toBuilder();
      // the replayed history before the session's own first main-agent request: keep its last
      // request, the context a resumed session's first request continues
      for (int i = 0; i < n && dropped[i]; i++) {
        if (Request.MAIN_AGENT.equals(requests.get(i).agentId())) {
          b.replayed(requests.get(i));
        }
      }
      b.requests().clear();
      int latest = -1;
      for (int i = 0; i < n; i++) {
        if (!dropped[i]) {
          latest = b.request(requests.get(i));
        }
        map[i] = latest;
      }
      Set<String> droppedCalls = new HashSet<>();
      List<Step> steps = new ArrayList<>(s.steps().size());
      for (Step st : s.steps()) {
        int r = st.request();
        boolean replayed = r >= 0 && dropped[r];
        if (st instanceof Step.ToolCall c && replayed) {
          droppedCalls.add(c.callId());
          continue;
        }
        if ((st instanceof Step.Edit && replayed)
            || (st instanceof Step.ToolResult res && droppedCalls.contains(res.callId()))) {
          continue;
        }
        steps.add(Steps.withRequest(st, r >= 0 ? map[r] : -1));
      }
      b.steps().clear();
      b.steps().addAll(steps);
      return b.build();
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
      for (Future<Parsed> f : ahead) {
        f.cancel(true);
      }
      ahead.clear();
    }
  }

  /** Names a pool's daemon threads {@code tokensieve-KIND-POOL-N}. */
  static final class Named implements ThreadFactory {
    private static final AtomicInteger POOL = new AtomicInteger();
    private final String kind;
    private final int pool = POOL.incrementAndGet();
    private final AtomicInteger count = new AtomicInteger();

    Named(String kind) {
      this.kind = kind;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "tokensieve-" + kind + "-" + pool + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
