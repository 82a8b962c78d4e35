package dev.tokensieve.datasets;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates labelled corpora of agent sessions: realistic traces in the real on-disk formats plus
 * their {@link GroundTruth}. Deterministic: the same seed, start and spec give byte-identical files
 * and equal in-memory sessions.
 *
 * <p>The i-th session depends only on (seed, i) and the sessions before it in time, so the first
 * sessions of a larger corpus equal a smaller corpus with the same seed. The first sessions cycle
 * through every (format, scenario) pair of the spec once (so that a corpus of at least that many
 * sessions contains each: 16 for Claude Code, 30 for both formats), the rest are drawn by weight,
 * leaning by team.
 */
public final class CorpusGenerator {
  private final long seed;
  private final Instant start;
  private final SessionPlanner planner;

  /**
   * A generator whose first session starts at {@code start}.
   *
   * @param seed fixes every random draw
   * @param start the start of the first session; later ones follow minutes apart
   */
  public CorpusGenerator(long seed, Instant start) {
    this.seed = seed;
    this.start = requireNonNull(start, "start");
    this.planner = new SessionPlanner(new Content(seed));
  }

  /**
   * The sessions of {@code spec}, in memory, with no files written.
   *
   * @throws IllegalArgumentException if the spec gives a size rather than a session count
   */
  public Iterator<GeneratedSession> sessions(CorpusSpec spec) {
    if (spec.sessionCount() <= 0) {
      throw new IllegalArgumentException(
          "in-memory sessions need a session count, not a target size of "
              + spec.targetBytes()
              + " bytes");
    }
    Iterator<Script> scripts = scripts(spec);
    int n = spec.sessionCount();
    return new Iterator<>() {
      int done;

      @Override
      public boolean hasNext() {
        return done < n && scripts.hasNext();
      }

      @Override
      public GeneratedSession next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        done++;
        Script s = scripts.next();
        return new GeneratedSession(s, Canonical.truth(s));
      }
    };
  }

  /**
   * Writes the corpus under {@code outDir}: {@code claude-code/projects/...} and/or {@code
   * codex/sessions/...}, {@code ground-truth.jsonl}, {@code teams.json}, {@code teams.csv} and
   * {@code corpus.json}. Existing files of the same names are replaced.
   */
  public CorpusSummary generate(Path outDir, CorpusSpec spec) throws IOException {
    long t0 = System.nanoTime();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
    Iterator<Script> scripts = scripts(spec);
    int sessions = 0;
    long requests = 0;
    try (CorpusWriter w = new CorpusWriter(outDir, seed, start, spec)) {
      while (scripts.hasNext()) {
        if (spec.sessionCount() > 0 && sessions >= spec.sessionCount()) {
          break;
        }
        if (spec.targetBytes() > 0 && w.traceBytes() >= spec.targetBytes()) {
          break;
        }
        Script s = scripts.next();
        GroundTruth t = w.write(s);
        sessions++;
        requests += t.requests();
      }
      w.finish(sessions, requests);
      long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - c0 : 0;
      return new CorpusSummary(
          sessions, requests, w.traceBytes(), System.nanoTime() - t0, cpuNanos);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The unbounded sequence of scripts (a resumed pair yields two in a row). */
  private Iterator<Script> scripts(CorpusSpec spec) {
    List<CorpusFormat> formats = spec.formatList();
    List<Scenario> cycle = new ArrayList<>();
    List<CorpusFormat> cycleFormats = new ArrayList<>();
    for (CorpusFormat f : formats) {
      for (Scenario s : Scenario.values()) {
        if (spec.mix().getOrDefault(s, 0) > 0 && s.supports(f)) {
          cycle.add(s);
          cycleFormats.add(f);
        }
      }
    }
    int limit = spec.sessionCount() > 0 ? spec.sessionCount() : Integer.MAX_VALUE;
    return new Iterator<>() {
      final Deque<Script> pending = new ArrayDeque<>();
      Instant clock = start;
      int index;
      int produced;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Script next() {
        if (pending.isEmpty()) {
          SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
          Roster.Member member = Roster.pick(rnd);
          Scenario scenario =
              index < cycle.size() ? cycle.get(index) : draw(spec, member.team().name(), rnd);
          if (scenario == Scenario.RESUMED && limit - produced < 2) {
            scenario = Scenario.CLEAN_SUCCESS;
          }
          CorpusFormat format =
              index < cycle.size()
                  ? cycleFormats.get(index)
                  : formats.get(rnd.nextInt(formats.size()));
          if (!scenario.supports(format)) {
            format = CorpusFormat.CLAUDE_CODE;
          }
          clock = clock.plusSeconds(60 + rnd.nextInt(25 * 60));
          pending.addAll(planner.plan(rnd.nextLong(), clock, member, scenario, format));
          index++;
        }
        produced++;
        return pending.removeFirst();
      }
    };
  }

  private static boolean supportedByAny(Scenario s, CorpusSpec spec) {
    for (CorpusFormat f : spec.formats()) {
      if (s.supports(f)) {
        return true;
      }
    }
    return false;
  }

  private static Scenario draw(CorpusSpec spec, String team, SplittableRandom rnd) {
    int total = 0;
    for (Scenario s : Scenario.values()) {
      total += weight(spec, s, team);
    }
    int k = rnd.nextInt(total);
    for (Scenario s : Scenario.values()) {
      k -= weight(spec, s, team);
      if (k < 0) {
        return s;
      }
    }
    throw new AssertionError("unreachable");
  }

  private static int weight(CorpusSpec spec, Scenario s, String team) {
    Integer w = spec.mix().get(s);
    if (w == null || w <= 0 || !supportedByAny(s, spec)) {
      return 0;
    }
    Map<Scenario, Integer> base = CorpusSpec.defaultMix();
    return w * s.weightFor(team) / Math.max(1, base.get(s));
  }
}
