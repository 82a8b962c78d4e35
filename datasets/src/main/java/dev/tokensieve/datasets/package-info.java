/**
 * The labelled corpus generator: realistic agent sessions written in the real on-disk formats
 * (Claude Code JSONL, Codex rollouts) with ground truth (token totals, outcome, injected waste).
 *
 * <p>The entry type is {@link dev.tokensieve.datasets.CorpusGenerator}; the command line is {@link
 * dev.tokensieve.datasets.GenerateCorpus}. Everything else is package-private.
 */
@NullMarked
package dev.tokensieve.datasets;

import org.jspecify.annotations.NullMarked;
