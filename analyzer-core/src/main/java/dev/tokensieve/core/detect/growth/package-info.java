/** Detectors of context growth: the quadratic tax of a context that is never compacted. */
@NullMarked
package dev.tokensieve.core.detect.growth;

import org.jspecify.annotations.NullMarked;
