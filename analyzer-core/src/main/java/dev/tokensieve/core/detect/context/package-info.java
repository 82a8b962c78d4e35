/** Detectors of redundant and oversized context: content sent again, or too big to carry. */
@NullMarked
package dev.tokensieve.core.detect.context;

import org.jspecify.annotations.NullMarked;
