/**
 * Outcome evidence read from a session's steps and attributes, and outcomes supplied from outside.
 */
@NullMarked
package dev.tokensieve.scoring.outcome;

import org.jspecify.annotations.NullMarked;
