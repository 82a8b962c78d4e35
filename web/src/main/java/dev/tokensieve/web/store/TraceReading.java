package dev.tokensieve.web.store;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.ScanSummary;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.parsers.TraceScanner;
import dev.tokensieve.web.store.Unpacker.TraceFile;
import dev.tokensieve.web.store.UploadRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the trace files of one upload into sessions through the corpus scanner (which groups the
 * files of one session, e.g. Claude Code sub-agent files inside a zip), reporting files and
 * problems under the names the user knows, never under the server's temporary paths.
 *
 * <p>The rule for bad input (also in the API docs): an uploaded file that is not a trace rejects
 * the whole upload; inside an archive, entries that are not traces are skipped and reported as
 * problems as long as one entry is a trace. An upload whose traces yield no session at all is
 * rejected, naming the first malformed file and line. A malformed line in an upload that still
 * yields sessions is reported in {@code problems}; the sessions are kept.
 */
final class TraceReading {
  private TraceReading() {}

  /**
   * Sends every session of {@code files} to {@code sink}; returns the problems met.
   *
   * @param upload the uploaded file's name, for errors about the upload as a whole
   * @param archive whether {@code files} came out of an archive (entries may be skipped)
   */
  static List<ParseProblem> read(
      String upload, boolean archive, List<TraceFile> files, Consumer<Session> sink)
      throws IOException {
    List<ParseProblem> problems = new ArrayList<>();
    List<Path> traces = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (TraceFile f : files) {
      if (TraceFormat.sniff(f.path().getFileName().toString(), head(f)).isEmpty()) {
        if (!archive) {
          throw new UploadRejectedException(
              Reason.NOT_A_TRACE, "not a trace format TokenSieve can read", f.name(), 0);
        }
        problems.add(new ParseProblem(f.name(), 0, "skipped: not a trace format TokenSieve reads"));
        continue;
      }
      traces.add(f.path());
      names.put(f.path().toString(), f.name());
      names.put(f.path().toAbsolutePath().toString(), f.name());
    }
    if (traces.isEmpty()) {
      throw new UploadRejectedException(
          Reason.NOT_A_TRACE, "archive holds no trace format TokenSieve can read", upload, 0);
    }
    int[] sessions = {0};
    ScanSummary summary =
        TraceScanner.create()
            .withThreads(1)
            .scan(
                traces,
                s -> {
                  sessions[0]++;
                  sink.accept(renamed(s, names));
                });
    for (ParseProblem p : summary.problems()) {
      problems.add(new ParseProblem(names.getOrDefault(p.file(), p.file()), p.line(), p.message()));
    }
    if (sessions[0] == 0) {
      ParseProblem first =
          problems.stream()
              .filter(p -> p.line() > 0)
              .findFirst()
              .orElse(new ParseProblem(names.get(traces.get(0).toString()), 0, "holds no session"));
      throw new UploadRejectedException(
          Reason.MALFORMED, first.message(), first.file(), first.line());
    }
    return problems;
  }

  /** The session with its source files named as the user named them. */
  private static Session renamed(Session s, Map<String, String> names) {
    List<String> sources = new ArrayList<>(s.sources().size());
    for (String src : s.sources()) {
      sources.add(names.getOrDefault(src, src));
    }
    return new Session(
        s.id(),
        s.agent(),
        sources,
        s.project(),
        s.repo(),
        s.branch(),
        s.user(),
        s.team(),
        s.startedAt(),
        s.endedAt(),
        s.requests(),
        s.steps(),
        s.attributes());
  }

  private static String head(TraceFile f) throws IOException {
    try (InputStream in = TraceInput.open(f.path())) {
      byte[] bytes = in.readNBytes(TraceFormat.SNIFF_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
