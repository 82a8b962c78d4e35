package dev.tokensieve.web.store;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.web.store.UploadRejectedException.Reason;
import dev.tokensieve.web.store.Unpacker.TraceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the trace files of one upload into sessions: sniffs each file's format from its content
 * and parses it, reporting problems under the names the user knows.
 *
 * <p>The rule for bad input (also in the API docs): a file that is not a trace, or a trace file
 * that yields no session at all, rejects the whole upload ({@link UploadRejectedException}, naming
 * the file and, for a malformed line, the line). Inside an archive, entries that are not traces
 * are skipped and reported as problems, as long as one entry is a trace. A malformed line in a
 * file that still yields sessions is reported in {@code problems}; the sessions are kept.
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
    int traces = 0;
    for (TraceFile f : files) {
      Optional<TraceFormat> format = TraceFormat.sniff(f.path().getFileName().toString(), head(f));
      if (format.isEmpty()) {
        if (!archive) {
          throw new UploadRejectedException(
              Reason.NOT_A_TRACE, "not a trace format TokenSieve can read", f.name(), 0);
        }
        problems.add(new ParseProblem(f.name(), 0, "skipped: not a trace format TokenSieve reads"));
        continue;
      }
      traces++;
      List<ParseProblem> fileProblems = new ArrayList<>();
      ProblemSink named = p -> fileProblems.add(rename(p, f));
      int[] sessions = {0};
      try (var stream = format.get().newParser().parse(TraceInput.of(f.path()), named)) {
        stream.forEach(
            s -> {
              sessions[0]++;
              sink.accept(s);
            });
      }
      if (sessions[0] == 0) {
        ParseProblem first =
            fileProblems.isEmpty()
                ? new ParseProblem(f.name(), 0, "holds no session")
                : fileProblems.get(0);
        throw new UploadRejectedException(
            Reason.MALFORMED, first.message(), first.file(), first.line());
      }
      problems.addAll(fileProblems);
    }
    if (traces == 0) {
      throw new UploadRejectedException(
          Reason.NOT_A_TRACE, "archive holds no trace format TokenSieve can read", upload, 0);
    }
    return problems;
  }

  private static ParseProblem rename(ParseProblem p, TraceFile f) {
    String file = p.file();
    if (file.equals(f.path().toString()) || file.equals(f.path().getFileName().toString())) {
      return new ParseProblem(f.name(), p.line(), p.message());
    }
    return p;
  }

  private static String head(TraceFile f) throws IOException {
    try (InputStream in = TraceInput.open(f.path())) {
      byte[] bytes = in.readNBytes(TraceFormat.SNIFF_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
