/** TokenSieve core: report. */
@NullMarked
package dev.tokensieve.core.report;

import org.jspecify.annotations.NullMarked;
