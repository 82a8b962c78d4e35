/** The {@code tokensieve.report/v1} JSON document: a streaming writer and a reader. */
@NullMarked
package dev.tokensieve.scoring.report;

import org.jspecify.annotations.NullMarked;
