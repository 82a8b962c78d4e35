/**
 * Test fixtures shared through analyzer-core's test-jar: a fluent builder of canonical sessions and
 * a generator of clean random sessions.
 */
@NullMarked
package dev.tokensieve.core.testing;

import org.jspecify.annotations.NullMarked;
