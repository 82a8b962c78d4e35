package dev.tokensieve.cli;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds trace files under the given paths and parses them (sequential first version). */
final class Ingest {
  private Ingest() {}

  static List<Session> sessions(List<Path> paths, ProblemSink problems) {
    List<Session> out = new ArrayList<>();
    for (Path root : paths) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        problems.report(root.toString(), 0, "cannot read: " + e.getMessage());
        continue;
      }
      for (Path f : files) {
        Optional<TraceFormat> format = sniff(f, problems);
        if (format.isEmpty()) {
          continue;
        }
        try (Stream<Session> s = format.get().newParser().parse(TraceInput.of(f), problems)) {
          s.forEach(out::add);
        }
      }
    }
    return out;
  }

  private static Optional<TraceFormat> sniff(Path f, ProblemSink problems) {
    try (InputStream in = TraceInput.open(f)) {
      byte[] head = in.readNBytes(TraceFormat.SNIFF_BYTES);
      Optional<TraceFormat> format =
          TraceFormat.sniff(f.getFileName().toString(), new String(head, StandardCharsets.UTF_8));
      if (format.isEmpty()) {
        problems.report(f.toString(), 0, "not a recognised trace format");
      }
      return format;
    } catch (IOException | UncheckedIOException e) {
      problems.report(f.toString(), 0, "cannot read: " + e.getMessage());
      return Optional.empty();
    }
  }
}
