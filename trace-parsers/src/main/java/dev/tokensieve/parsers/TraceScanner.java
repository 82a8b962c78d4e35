package dev.tokensieve.parsers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.tokensieve.core.Checks;
import dev.tokensieve.core.model.Instants;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds trace files under the paths a user names, recognises their format by content, groups the
 * files of one session and parses them in parallel into a deterministic stream of sessions.
 *
 * <pre>{@code
 * ScanSummary summary = TraceScanner.create()
 *     .withThreads(4)
 *     .withProgress((done, total) -> bar.update(done, total))
 *     .scan(List.of(Path.of("traces")), session -> report(session));
 * summary.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>A folder is walked recursively (hidden entries skipped); a Claude Code config dir (one with
 * {@code projects/}) is read from its {@code projects/} only. In a folder, files named {@code
 * *.jsonl}, {@code *.json}, {@code *.ndjson}, {@code *.traj} (each optionally {@code .gz}) are
 * candidates; a file named explicitly always is. A candidate no format recognises, or that cannot
 * be read, becomes a {@link ParseProblem}, never an exception. Immutable and thread-safe; see
 * {@link Corpus} for the ordering and de-duplication guarantees.
 */
public final class TraceScanner {
  private static final Pattern TIMESTAMP =
      Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]{10,40})\"");
  private static final byte[] KEY = "\"timestamp\"".getBytes(StandardCharsets.US_ASCII);
  private static final List<String> EXTENSIONS = List.of(".jsonl", ".json", ".ndjson", ".traj");

  private final int threads;
  private final int window;

  /**
   * Sessions parsed ahead per thread, by default. With 2 a long session held up the parsing of the
   * ones behind it and a core sat idle; 6 cut the wall time of a 500 MB run by about 13% for 2 MB
   * more memory (memory is bounded by the window times the largest session).
   */
  static final int WINDOW_PER_THREAD = 6;

  private final @Nullable TraceFormat format;
  private final ScanProgress progress;

  private TraceScanner(
      int threads, int window, @Nullable TraceFormat format, ScanProgress progress) {
    this.threads = threads;
    this.window = window;
    this.format = format;
    this.progress = progress;
  }

  /** A scanner that sniffs formats, with one thread per available processor and no progress. */
  public static TraceScanner create() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new TraceScanner(cores, 0, null, ScanProgress.NONE);
  }

  /** This scanner with {@code threads} parsing threads, in [1, 256]; 1 parses on the caller. */
  public TraceScanner withThreads(int threads) {
    return new TraceScanner(Checks.inRange(threads, 1, 256, "threads"), window, format, progress);
  }

  /**
   * This scanner with at most {@code inputs} trace inputs parsed ahead of delivery, in [1, 4096]:
   * memory is bounded by this many sessions. The default is twice the thread count.
   */
  public TraceScanner withWindow(int inputs) {
    return new TraceScanner(threads, Checks.inRange(inputs, 1, 4096, "window"), format, progress);
  }

  /** This scanner reading every candidate file as {@code format} (null: sniff each file). */
  public TraceScanner withFormat(@Nullable TraceFormat format) {
    return new TraceScanner(threads, window, format, progress);
  }

  /** This scanner reporting progress to {@code progress}. */
  public TraceScanner withProgress(ScanProgress progress) {
    return new TraceScanner(threads, window, format, requireNonNull(progress, "progress"));
  }

  /** The number of parsing threads. */
  public int threads() {
    return threads;
  }

  /**
   * Finds, sniffs and groups the trace files under {@code paths}; reads only file heads.
   *
   * @param paths files or folders (gzipped files are read transparently)
   */
  public Corpus discover(List<Path> paths) {
    List<ParseProblem> problems = new ArrayList<>();
    List<ParseProblem> skipped = new ArrayList<>();
    List<Sniff> sniffs = findAndSniff(paths, problems, skipped);
    List<Sniffed> sniffed = new ArrayList<>(sniffs.size());
    String previous = null;
    for (Sniff s : sniffs) { // in path order
      if (s.candidate().name.equals(previous)) {
        continue; // a file named twice, or inside two named folders
      }
      previous = s.candidate().name;
      for (ParseProblem p : s.problems()) {
        // in a folder, a file that is no trace is normal (a README, metadata, outcomes): noted;
        // a file the user named is expected to be one
        boolean normal = !s.candidate().named() && NOT_TRACES.contains(p.message());
        (normal ? skipped : problems).add(p);
      }
      if (s.sniffed() != null) {
        sniffed.add(s.sniffed());
      }
    }
    if (problems.size() > 1) { // linking the comparator's lambdas costs more than most sorts
      problems.sort(Comparator.comparing(ParseProblem::file).thenComparingLong(ParseProblem::line));
    }
    skipped.sort(Comparator.comparing(ParseProblem::file));
    return new Corpus(
        group(sniffed),
        problems,
        skipped,
        threads,
        window > 0 ? window : Math.min(4096, WINDOW_PER_THREAD * threads),
        progress);
  }

  /** {@link #discover} then {@link Corpus#forEach}. */
  public ScanSummary scan(List<Path> paths, Consumer<Session> consumer) {
    return discover(paths).forEach(consumer);
  }

  /** What sniffing says of a file that is not a trace: skipped, not a problem, in a folder. */
  static final String NOT_A_TRACE = "not a recognised trace format";

  private static final String EMPTY = "empty file";
  private static final List<String> NOT_TRACES = List.of(NOT_A_TRACE, EMPTY);

  /**
   * A file to sniff, and whether the user named it (else a walk found it); ordered by its path's
   * text, which is computed once.
   */
  private record Candidate(Path file, String name, boolean named) implements Comparable<Candidate> {
    /** Tells a sniffing thread that the walk is over. */
    static final Candidate END = new Candidate(Path.of(""), "", false);

    Candidate(Path file, boolean named) {
      this(file, file.toString(), named);
    }

    @Override
    public int compareTo(Candidate o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : Boolean.compare(o.named, named); // named first: its verdict stands
    }
  }

  /** A recognised file: its format, its session key and when its first line was written. */
  record Sniffed(
      Path file,
      TraceFormat format,
      @Nullable String sessionKey,
      boolean auxiliary,
      @Nullable Instant firstAt,
      long bytes) {}

  private static void collect(
      Path path, Consumer<Candidate> out, List<ParseProblem> problems, List<ParseProblem> skipped) {
    if (Files.isRegularFile(path)) {
      out.accept(new Candidate(path, true));
      return;
    }
    if (!Files.isDirectory(path)) {
      problems.add(
          new ParseProblem(
              path.toString(),
              0,
              Files.exists(path) ? "not a regular file or folder" : "no such file or folder"));
      return;
    }
    Path root = Files.isDirectory(path.resolve("projects")) ? path.resolve("projects") : path;
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new Walk(root, out, problems, skipped));
    } catch (IOException e) {
      problems.add(
          new ParseProblem(path.toString(), 0, "cannot list folder: " + IoProblems.describe(e)));
    }
  }

  /**
   * Collects the candidate files under {@code root}; notes every other entry as skipped (hidden
   * ones, whose folders are skipped whole, and files whose names no trace has) and every entry it
   * cannot read as a problem, then walks on: one unreadable folder or symbolic-link loop costs only
   * itself. It replaced a filtered {@code Files.walk} that asked the file system again whether each
   * entry is a regular file and relativized every path to look for hidden parts (half of
   * discovery's samples on the caller); the walker already holds each entry's attributes.
   */
  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Consumer<Candidate> out;
    private final List<ParseProblem> problems;
    private final List<ParseProblem> skipped;

    Walk(
        Path root,
        Consumer<Candidate> out,
        List<ParseProblem> problems,
        List<ParseProblem> skipped) {
      this.root = root;
      this.out = out;
      this.problems = problems;
      this.skipped = skipped;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (!dir.equals(root) && isHiddenName(dir)) {
        skipped.add(new ParseProblem(dir.toString(), 0, "hidden folder"));
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String name = String.valueOf(file.getFileName()); // once: each call makes a new path
      if (attrs.isSymbolicLink()) { // followed links report their target: this one has none
        problems.add(
            new ParseProblem(file.toString(), 0, "a symbolic link to nothing: its target is gone"));
      } else if (!attrs.isRegularFile()) {
        skipped.add(new ParseProblem(file.toString(), 0, "not a regular file"));
      } else if (name.startsWith(".")) {
        skipped.add(new ParseProblem(file.toString(), 0, "hidden file"));
      } else if (isCandidateName(name)) {
        out.accept(new Candidate(file, false));
      } else {
        skipped.add(new ParseProblem(file.toString(), 0, "not a trace file, by its name"));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      String what = Files.isDirectory(file) ? "cannot read folder: " : "cannot read: ";
      problems.add(new ParseProblem(file.toString(), 0, what + IoProblems.describe(e)));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) {
      if (e != null) {
        problems.add(
            new ParseProblem(
                dir.toString(), 0, "could not list the whole folder: " + IoProblems.describe(e)));
      }
      return FileVisitResult.CONTINUE;
    }
  }

  private static boolean isHiddenName(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  static boolean isCandidateName(Path p) {
    return isCandidateName(String.valueOf(p.getFileName()));
  }

  private static boolean isCandidateName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".meta.json")) {
      return false; // Claude Code sub-agent sidecars: no usage, not a trace
    }
    for (String ext : EXTENSIONS) {
      if (n.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the candidate files under {@code paths} and sniffs each, in parallel when this scanner
   * has threads; returns them in path order. Sniffing reads a head (and sometimes a tail) of each
   * file, which on a corpus of small files is most of the corpus, and was a single-threaded fifth
   * of {@code analyze}'s time; the sniffing threads take each file as the walk finds it, so the
   * walk, mostly interpreted code at start-up, no longer runs alone before them. Each thread reads
   * into its own {@link HeadReader} (a task per file cost the caller a fifth of discovery in
   * submitting and waiting).
   */
  private List<Sniff> findAndSniff(
      List<Path> paths, List<ParseProblem> problems, List<ParseProblem> skipped) {
    List<Sniff> sniffs = new ArrayList<>();
    if (threads <= 1) {
      List<Candidate> candidates = new ArrayList<>();
      for (Path path : paths) {
        collect(path, candidates::add, problems, skipped);
      }
      HeadReader head = new HeadReader();
      try {
        for (Candidate c : candidates) {
          sniffs.add(sniff(c, head));
        }
      } finally {
        closeQuietly(head);
      }
    } else {
      LinkedBlockingQueue<Candidate> found = new LinkedBlockingQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(threads, new Corpus.Named("sniff"));
      try {
        List<Future<List<Sniff>>> sniffing = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
          sniffing.add(pool.submit(() -> sniffEach(found)));
        }
        try {
          for (Path path : paths) {
            collect(path, found::add, problems, skipped);
          }
        } finally {
          for (int t = 0; t < threads; t++) {
            found.add(Candidate.END);
          }
        }
        for (Future<List<Sniff>> f : sniffing) {
          sniffs.addAll(Corpus.take(f));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    sniffs.sort(Comparator.naturalOrder());
    return sniffs;
  }

  /** Sniffs the files {@code found} gives, until it gives {@link Candidate#END}. */
  private List<Sniff> sniffEach(LinkedBlockingQueue<Candidate> found) throws InterruptedException {
    List<Sniff> sniffs = new ArrayList<>();
    HeadReader head = new HeadReader();
    try {
      for (Candidate c = found.take(); c != Candidate.END; c = found.take()) {
        sniffs.add(sniff(c, head));
      }
    } finally {
      closeQuietly(head);
    }
    return sniffs;
  }

  private Sniff sniff(Candidate c, HeadReader head) {
    List<ParseProblem> own = new ArrayList<>(0);
    return new Sniff(c, sniff(c.file(), head, own), own);
  }

  /** A candidate file sniffed: what it is, if a trace, and the problems met reading its head. */
  private record Sniff(Candidate candidate, @Nullable Sniffed sniffed, List<ParseProblem> problems)
      implements Comparable<Sniff> {
    @Override
    public int compareTo(Sniff o) {
      return candidate.compareTo(o.candidate);
    }
  }

  /**
   * Sniffs {@code file}: from its first lines by {@link #quickSniff} when they decide, else by
   * {@link #sniffHead} from its first {@link TraceFormat#SNIFF_BYTES}.
   */
  @Nullable Sniffed sniff(Path file, HeadReader head, List<ParseProblem> problems) {
    try {
      long bytes;
      try {
        bytes = head.open(file, QUICK_SNIFF_BYTES + 1);
        if (head.length() > QUICK_SNIFF_BYTES) {
          Sniffed quick = quickSniff(file, head.bytes(), bytes);
          if (quick != null) {
            return quick;
          }
        }
        head.read(TraceFormat.SNIFF_BYTES);
      } catch (IOException e) {
        problems.add(
            new ParseProblem(file.toString(), 0, "cannot read file: " + IoProblems.describe(e)));
        return null;
      }
      return sniffHead(file, head.bytes(), head.length(), bytes, problems);
    } finally {
      closeQuietly(head);
    }
  }

  private static void closeQuietly(HeadReader head) {
    try {
      head.close();
    } catch (IOException e) {
      // only read from: nothing was lost
    }
  }

  /**
   * Sniffs {@code file} from its first bytes, {@code head[0, length)}: the reference the quick path
   * must agree with (TraceScannerTest checks it does).
   */
  @Nullable Sniffed sniffHead(
      Path file, byte[] head, int length, long bytes, List<ParseProblem> problems) {
    String name = file.toString();
    if (length == 0) {
      problems.add(new ParseProblem(name, 0, EMPTY));
      return null;
    }
    boolean binary = HeadReader.containsZero(head, length);
    String fileName = String.valueOf(file.getFileName());
    String text = new String(head, 0, length, StandardCharsets.UTF_8);
    TraceFormat f = format;
    if (f == null) {
      f = binary ? null : TraceFormat.sniff(fileName, text).orElse(null);
      if (f == null && !binary && length == TraceFormat.SNIFF_BYTES && startsJson(text)) {
        String condensed = CondensedHead.of(file); // a huge first value hid the telling keys
        if (condensed != null) {
          f = TraceFormat.sniff(fileName, condensed).orElse(null);
          text = f == null ? text : condensed;
        }
      }
      if (f == null) {
        ParseProblem damaged = binary ? null : damagedJson(name, head, length);
        problems.add(damaged != null ? damaged : new ParseProblem(name, 0, NOT_A_TRACE));
        return null;
      }
    }
    TraceParser parser = f.newParser();
    String key = parser.sessionOf(file, text).orElse(null);
    return new Sniffed(file, f, key, parser.isAuxiliary(file), firstTimestamp(text), bytes);
  }

  /**
   * Why the head {@code head[0, length)} of a file no format recognises is not valid JSON, or null
   * if it is (as far as it goes: a head cut by {@link TraceFormat#SNIFF_BYTES} may end inside a
   * value). A damaged trace (a cut-off file, a broken line) must be a problem, not pass for one of
   * the ordinary non-trace files of a folder (metadata, outcomes), which are valid JSON.
   */
  static @Nullable ParseProblem damagedJson(String name, byte[] head, int length) {
    try (JsonParser p = Json.FACTORY.createParser(head, 0, length)) {
      while (p.nextToken() != null) {
        p.skipChildren(); // nothing to keep: only whether the bytes parse
      }
      return null;
    } catch (JsonEOFException e) {
      return length < TraceFormat.SNIFF_BYTES
          ? new ParseProblem(
              name, 0, "not read: it ends in the middle of a JSON value (cut short?)")
          : null;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      return new ParseProblem(name, line, "not read: not valid JSON (" + IoProblems.json(e) + ")");
    } catch (IOException e) {
      return null; // reading a byte array fails only as JSON does
    }
  }

  /** How much of a file the quick path decodes: a few Claude Code lines. */
  static final int QUICK_SNIFF_BYTES = 8 * 1024;

  private static final byte[] SESSION_ID = "\"sessionId\":\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Sniffs a Claude Code file from its first whole lines within {@link #QUICK_SNIFF_BYTES} of
   * {@code head}, or returns null to let {@link #sniffHead} decide. Decoding and pattern-matching
   * 64 KB of every file was 13% of analyze's CPU (bench/README.md), and a Claude Code file tells
   * its format, session and first timestamp in its first lines.
   *
   * <p>The answer is the full path's. A prefix cut at a line end holds whole lines, so a verdict,
   * session id or timestamp found in it is the first one of the file too (a match cannot straddle
   * the cut without overlapping the one found). The shortest prefix tried ends with the line that
   * first names a session ({@code "sessionId":"x"}), usually the second; then the whole quick
   * prefix. The one difference: only the decoded prefix is checked for binary zero bytes, so a
   * Claude Code file with a zero byte further on is read, its bad line reported by the parser.
   */
  private @Nullable Sniffed quickSniff(Path file, byte[] head, long bytes) {
    if (format != null && format != TraceFormat.CLAUDE_CODE) {
      return null;
    }
    int named = namingLineEnd(head, QUICK_SNIFF_BYTES);
    if (named > 0) {
      Sniffed s = quickSniff(file, head, named, bytes);
      if (s != null) {
        return s;
      }
    }
    int end = QUICK_SNIFF_BYTES;
    while (end > named && head[end - 1] != '\n') {
      end--;
    }
    if (end == 0 || end == named) {
      return null; // no whole line in the quick prefix, or none that the shorter one lacked
    }
    return quickSniff(file, head, end, bytes);
  }

  /**
   * The end (after its {@code \n}) of the first line in {@code head[0, end)} holding a whole {@code
   * "sessionId":"x"}, or 0: a prefix through it holds a session id the Claude Code parser finds.
   */
  static int namingLineEnd(byte[] head, int end) {
    int at = indexOf(head, 0, end, SESSION_ID);
    if (at < 0) {
      return 0;
    }
    int value = at + SESSION_ID.length;
    int close = indexOf(head, value, end, '"');
    int lineEnd = indexOf(head, value, end, '\n');
    return close > value && lineEnd > close ? lineEnd + 1 : 0;
  }

  /** The quick path on the whole-line prefix {@code head[0, end)}; null if it is not conclusive. */
  private @Nullable Sniffed quickSniff(Path file, byte[] head, int end, long bytes) {
    if (HeadReader.containsZero(head, end)) {
      return null;
    }
    String prefix = new String(head, 0, end, StandardCharsets.UTF_8);
    String fileName = String.valueOf(file.getFileName());
    TraceFormat f = format != null ? format : TraceFormat.sniff(fileName, prefix).orElse(null);
    if (f != TraceFormat.CLAUDE_CODE) {
      return null;
    }
    // the parser falls back to the file name when its head names no session: only a prefix that
    // names one (or a sub-agent file, keyed by its folder) is conclusive
    Path dir = file.getParent();
    boolean keyedByFolder =
        dir != null
            && dir.getFileName() != null
            && dir.getFileName().toString().equals("subagents");
    if (!keyedByFolder && !prefix.contains("\"sessionId\"")) {
      return null;
    }
    TraceParser parser = f.newParser();
    String key = parser.sessionOf(file, prefix).orElse(null);
    Instant first = firstTimestamp(prefix);
    if (key == null || first == null) {
      return null;
    }
    return new Sniffed(file, f, key, parser.isAuxiliary(file), first, bytes);
  }

  private static boolean startsJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  static @Nullable Instant firstTimestamp(String head) {
    Matcher m = TIMESTAMP.matcher(head);
    while (m.find()) {
      try {
        return Instants.parse(m.group(1));
      } catch (DateTimeException e) {
        // try the next one
      }
    }
    return null;
  }

  /**
   * The last timestamp in the file's final {@link TraceFormat#SNIFF_BYTES}, for plain files; null
   * for compressed ones. It breaks ties of first timestamps: a resumed session's file replays the
   * original's history with the original timestamps, so both start at the same instant, and the one
   * that ended first is the original, which must own the replayed requests.
   */
  static @Nullable Instant lastTimestamp(Path file) {
    // a RandomAccessFile, as in HeadReader: cheaper to open, read and close than a FileChannel
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.read() == 0x1f && f.read() == 0x8b) {
        return null; // gzip: the tail is compressed
      }
      // the last few KB usually hold it; the search runs backwards from the end, so a timestamp
      // found in a shorter tail is the one the whole tail gives
      long size = f.length();
      for (int want : new int[] {QUICK_SNIFF_BYTES, TraceFormat.SNIFF_BYTES}) {
        int n = (int) Math.min(size, want);
        byte[] buf = new byte[n];
        f.seek(size - n);
        int read = f.read(buf, 0, n);
        Instant last = lastTimestamp(buf, Math.max(0, read));
        if (last != null || n == size) {
          return last;
        }
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return null; // only a tie-breaker: the file's real problems are reported when it is parsed
    }
  }

  /**
   * The last parseable {@link #TIMESTAMP} match in {@code bytes[0, n)}. Searches backwards for the
   * key and decodes only from there: the obvious version (decode the whole tail, find every match,
   * keep the last) read and decoded every file's last 64 KiB, a large share of a corpus of small
   * files. TraceScannerTest checks both give the same answer.
   */
  static @Nullable Instant lastTimestamp(byte[] bytes, int n) {
    for (int at = lastIndexOf(bytes, n, KEY); at >= 0; at = lastIndexOf(bytes, at, KEY)) {
      Matcher m = TIMESTAMP.matcher(new String(bytes, at, n - at, StandardCharsets.UTF_8));
      if (m.lookingAt()) {
        try {
          return Instants.parse(m.group(1));
        } catch (DateTimeException e) {
          // try the one before
        }
      }
    }
    return null;
  }

  /** The first index of {@code b} in {@code bytes[from, end)}, or -1. */
  private static int indexOf(byte[] bytes, int from, int end, char b) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The start of the first {@code key} within {@code bytes[from, end)}, or -1. */
  private static int indexOf(byte[] bytes, int from, int end, byte[] key) {
    outer:
    for (int i = from; i <= end - key.length; i++) {
      for (int j = 0; j < key.length; j++) {
        if (bytes[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The start of the last {@code key} that ends at or before {@code end}, or -1. */
  private static int lastIndexOf(byte[] bytes, int end, byte[] key) {
    outer:
    for (int i = end - key.length; i >= 0; i--) {
      for (int j = 0; j < key.length; j++) {
        if (bytes[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Groups files of one session, main file first, and orders inputs by first timestamp, then by
   * last timestamp where first timestamps tie (the original before the session that resumed it),
   * then by path.
   */
  static List<Corpus.Entry> group(List<Sniffed> files) {
    Map<String, List<Sniffed>> groups = new LinkedHashMap<>();
    List<Corpus.Entry> entries = new ArrayList<>();
    for (Sniffed s : files) {
      if (s.sessionKey() == null) {
        entries.add(entry(s, List.of()));
      } else {
        groups
            .computeIfAbsent(s.format().name() + "\u0000" + s.sessionKey(), k -> new ArrayList<>())
            .add(s);
      }
    }
    for (List<Sniffed> g : groups.values()) {
      List<Sniffed> mains = new ArrayList<>();
      List<Sniffed> aux = new ArrayList<>();
      for (Sniffed s : g) {
        (s.auxiliary() ? aux : mains).add(s);
      }
      if (mains.isEmpty()) {
        mains.add(aux.remove(0)); // a sub-agent file whose parent file is absent
      }
      if (mains.size() > 1 && mains.get(0).format().newParser().readsVersionsTogether()) {
        aux.addAll(mains.subList(1, mains.size())); // saves of one session: one input
        entries.add(entry(mains.get(0), aux));
        continue;
      }
      entries.add(entry(mains.get(0), aux));
      for (int i = 1; i < mains.size(); i++) {
        entries.add(entry(mains.get(i), List.of()));
      }
    }
    // A resumed Claude Code session's file replays the earlier session's lines, timestamps
    // included, so both files start at the same instant. The replayed requests belong to the
    // session that made them (FORMATS.md 1.4: keep the earliest), which is the one that ended
    // first: break such ties by the main file's last timestamp, read from its tail.
    Map<Instant, Integer> starts = new HashMap<>();
    for (Corpus.Entry e : entries) {
      if (e.firstAt() != null) {
        starts.merge(e.firstAt(), 1, Integer::sum);
      }
    }
    List<Ordered> ordered = new ArrayList<>(entries.size());
    for (Corpus.Entry e : entries) {
      Instant first = e.firstAt();
      Instant last =
          first != null && starts.get(first) > 1 ? lastTimestamp(e.input().main()) : null;
      ordered.add(new Ordered(e, first, last, e.input().main().toString()));
    }
    Collections.sort(ordered);
    List<Corpus.Entry> sorted = new ArrayList<>(ordered.size());
    for (Ordered o : ordered) {
      sorted.add(o.entry());
    }
    return sorted;
  }

  /**
   * An input with its sort keys, read once: first timestamp, then last timestamp, then main path,
   * missing timestamps last. It replaced a chain of key-extracting comparators that looked the keys
   * up again in every comparison, at start-up when that code is still interpreted.
   */
  private record Ordered(
      Corpus.Entry entry, @Nullable Instant first, @Nullable Instant last, String path)
      implements Comparable<Ordered> {
    @Override
    public int compareTo(Ordered o) {
      int c = nullsLast(first, o.first);
      if (c == 0) {
        c = nullsLast(last, o.last);
      }
      return c != 0 ? c : path.compareTo(o.path);
    }

    private static int nullsLast(@Nullable Instant a, @Nullable Instant b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : 1) : -1;
      }
      return a.compareTo(b);
    }
  }

  private static Corpus.Entry entry(Sniffed main, List<Sniffed> related) {
    Instant first = main.firstAt();
    long bytes = main.bytes();
    List<Path> paths = new ArrayList<>();
    for (Sniffed r : related) {
      paths.add(r.file());
      bytes += r.bytes();
      if (r.firstAt() != null && (first == null || r.firstAt().isBefore(first))) {
        first = r.firstAt();
      }
    }
    return new Corpus.Entry(new TraceInput(main.file(), paths), main.format(), first, bytes);
  }
}
