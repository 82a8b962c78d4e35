/**
 * Judges sessions: outcome signals, the outcome model, spend labels, and the analysis pipeline that
 * turns a canonical session into a {@link dev.tokensieve.core.report.SessionReport}.
 */
@NullMarked
package dev.tokensieve.scoring;

import org.jspecify.annotations.NullMarked;
