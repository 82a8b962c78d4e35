/**
 * Spend labels: every token of every request gets exactly one of productive, inefficient, wasteful.
 */
@NullMarked
package dev.tokensieve.scoring.label;

import org.jspecify.annotations.NullMarked;
