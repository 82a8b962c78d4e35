/** Renderings of analysis results: the readable table, the self-contained HTML report. */
@NullMarked
package dev.tokensieve.cli.output;

import org.jspecify.annotations.NullMarked;
