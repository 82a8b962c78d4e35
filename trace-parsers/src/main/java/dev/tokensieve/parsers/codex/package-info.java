/** OpenAI Codex CLI rollouts ({@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}). */
@NullMarked
package dev.tokensieve.parsers.codex;

import org.jspecify.annotations.NullMarked;
