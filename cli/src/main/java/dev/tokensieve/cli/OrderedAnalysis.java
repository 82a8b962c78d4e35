package dev.tokensieve.cli;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.scoring.SessionAnalyzer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Analyses sessions on a pool of threads and hands the reports on in the order the sessions came,
 * so output is identical to a one-thread run. At most {@code window} sessions are in flight, which
 * bounds memory. Not thread-safe: one producer calls {@link #accept} and {@link #finish}.
 */
final class OrderedAnalysis implements Consumer<Session>, AutoCloseable {
  private final SessionAnalyzer analyzer;
  private final Consumer<SessionReport> downstream;
  private final @Nullable ExecutorService pool;
  private final ArrayDeque<Future<SessionReport>> inFlight = new ArrayDeque<>();
  private final int window;

  OrderedAnalysis(SessionAnalyzer analyzer, int threads, Consumer<SessionReport> downstream) {
    this.analyzer = analyzer;
    this.downstream = downstream;
    this.window = 2 * threads;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        threads <= 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "tokensieve-analyze-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  @Override
  public void accept(Session session) {
    ExecutorService p = pool;
    if (p == null) {
      downstream.accept(analyzer.analyze(session));
      return;
    }
    inFlight.add(p.submit(() -> analyzer.analyze(session)));
    while (inFlight.size() > window) {
      emit(inFlight.remove());
    }
  }

  /** Waits for the sessions still in flight and hands them on. */
  void finish() {
    while (!inFlight.isEmpty()) {
      emit(inFlight.remove());
    }
  }

  private void emit(Future<SessionReport> f) {
    try {
      downstream.accept(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while analysing", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    ExecutorService p = pool;
    if (p != null) {
      p.shutdownNow();
    }
  }
}
