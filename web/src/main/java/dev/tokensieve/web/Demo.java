package dev.tokensieve.web;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.datasets.CorpusGenerator;
import dev.tokensieve.datasets.CorpusSpec;
import dev.tokensieve.datasets.GeneratedSession;
import dev.tokensieve.datasets.GroundTruth;
import dev.tokensieve.web.store.Attribution;
import dev.tokensieve.web.store.IngestResult;
import dev.tokensieve.web.store.SessionStore;
import dev.tokensieve.web.store.UploadFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fills a store with generated, realistic Claude Code sessions of several teams and users, for
 * {@code tokensieve demo}: a newcomer sees every page with data in one command.
 *
 * <p>The corpus is written as real trace files and stored through the same upload path as a user's
 * files (one zip per team, user and repository, attributed to them), so the demo exercises the raw
 * store and {@link SessionStore#reindex()} too.
 */
public final class Demo {
  /** The seed {@code tokensieve demo} uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20261122L;

  /** The first generated session's start: a fixed time, so that a seed fixes the whole demo. */
  private static final Instant START = Instant.parse("2026-11-02T08:30:00Z");

  private Demo() {}

  /**
   * Generates {@code sessions} sessions from {@code seed} and stores them.
   *
   * @return how many sessions the store now holds from the demo
   * @throws UncheckedIOException if the corpus cannot be written to a temporary directory
   */
  public static int populate(SessionStore store, long seed, int sessions) {
    requireNonNull(store, "store");
    if (sessions < 1 || sessions > 100_000) {
      throw new IllegalArgumentException("sessions must be in [1, 100000], was " + sessions);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tokensieve-demo-");
      CorpusSpec spec = CorpusSpec.sessions(sessions);
      new CorpusGenerator(seed, START).generate(dir, spec);
      Map<Attribution, List<String>> groups = new LinkedHashMap<>();
      Iterator<GeneratedSession> it = new CorpusGenerator(seed, START).sessions(spec);
      while (it.hasNext()) {
        GroundTruth t = it.next().truth();
        groups
            .computeIfAbsent(new Attribution(t.team(), t.user(), t.repo()), k -> new ArrayList<>())
            .addAll(t.files());
      }
      int stored = 0;
      int n = 0;
      for (Map.Entry<Attribution, List<String>> g : groups.entrySet()) {
        Attribution a = g.getKey();
        Path zip = dir.resolve("upload-" + n++ + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
          for (String file : g.getValue()) {
            z.putNextEntry(new ZipEntry(file));
            Files.copy(dir.resolve(file), z);
            z.closeEntry();
          }
        }
        String name = a.team() + "-" + a.user() + "-" + String.valueOf(a.repo()).replace('/', '_');
        IngestResult r = store.ingest(List.of(new UploadFile(name + ".zip", zip)), a);
        stored += r.stored() + r.unchanged();
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate the demo corpus", e);
    } finally {
      delete(dir);
    }
  }

  /** {@link #populate(SessionStore, long, int)} with the default seed and 120 sessions. */
  public static int populate(SessionStore store) {
    return populate(store, DEFAULT_SEED, 120);
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
