/** Honest evaluation of the outcome model and the detectors. */
@NullMarked
package dev.tokensieve.scoring.eval;

import org.jspecify.annotations.NullMarked;
