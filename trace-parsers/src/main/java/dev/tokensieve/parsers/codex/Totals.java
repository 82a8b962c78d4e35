package dev.tokensieve.parsers.codex;

import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.common.Node;
import org.jspecify.annotations.Nullable;

/**
 * A Codex usage object as written: {@code input} includes {@code cached} (and, in 2026 builds,
 * {@code cacheWrite}); {@code output} includes {@code reasoning}.
 */
record Totals(long input, long cached, long cacheWrite, long output, long reasoning) {

  static @Nullable Totals of(Node n) {
    if (!n.isObject()) {
      return null;
    }
    return new Totals(
        Math.max(0, n.get("input_tokens").asLong(0)),
        Math.max(0, n.get("cached_input_tokens").asLong(0)),
        Math.max(0, n.get("cache_write_input_tokens").asLong(0)),
        Math.max(0, n.get("output_tokens").asLong(0)),
        Math.max(0, n.get("reasoning_output_tokens").asLong(0)));
  }

  /** Whether every counter is at least {@code o}'s: a cumulative total that moved forward. */
  boolean covers(Totals o) {
    return input >= o.input
        && cached >= o.cached
        && cacheWrite >= o.cacheWrite
        && output >= o.output
        && reasoning >= o.reasoning;
  }

  Totals minus(Totals o) {
    return new Totals(
        input - o.input,
        cached - o.cached,
        cacheWrite - o.cacheWrite,
        output - o.output,
        reasoning - o.reasoning);
  }

  boolean isZero() {
    return input == 0 && cached == 0 && cacheWrite == 0 && output == 0 && reasoning == 0;
  }

  /** Normalised: fresh input is what is left of input after cache reads and writes. */
  Usage usage() {
    long read = Math.min(cached, input);
    long write = Math.min(cacheWrite, input - read);
    return new Usage(input - read - write, write, 0, read, output, Math.min(reasoning, output));
  }
}
