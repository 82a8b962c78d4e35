package dev.tokensieve.parsers.common;

import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.parsers.TraceParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Test support: the copied sample traces and a parse that collects problems. */
public final class Samples {
  private Samples() {}

  /** The sample at {@code samples/<relative>} on the test class path. */
  public static Path path(String relative) {
    URL url = Samples.class.getResource("/samples/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no sample samples/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file under {@code samples/<dir>}, sorted. */
  public static List<Path> files(String dir) {
    try (Stream<Path> s = Files.walk(path(dir))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a parse gave. */
  public record Parsed(List<Session> sessions, List<ParseProblem> problems) {
    /** The only session; fails otherwise. */
    public Session only() {
      if (sessions.size() != 1) {
        throw new AssertionError("expected one session, got " + sessions.size() + " " + problems);
      }
      return sessions.get(0);
    }
  }

  /** Parses {@code file} with {@code parser}, collecting problems. */
  public static Parsed parse(TraceParser parser, Path file) {
    List<ParseProblem> problems = new ArrayList<>();
    try (Stream<Session> s = parser.parse(TraceInput.of(file), problems::add)) {
      return new Parsed(s.toList(), problems);
    }
  }

  /** The first {@code 64 KiB} of {@code file}, decoded, for sniffing. */
  public static String head(Path file) {
    try (var in = TraceInput.open(file)) {
      byte[] b = in.readNBytes(64 * 1024);
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} to {@code file}. */
  public static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A gzipped copy of {@code source} at {@code target}. */
  public static Path gzip(Path source, Path target) {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
      Files.copy(source, out);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON nested {@code depth} arrays deep: hostile input. */
  public static String deeplyNested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }
}
