/** Gemini CLI session files, legacy single documents and the newer JSON lines. */
@NullMarked
package dev.tokensieve.parsers.gemini;

import org.jspecify.annotations.NullMarked;
