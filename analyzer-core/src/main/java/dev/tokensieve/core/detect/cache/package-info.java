/** Detectors of prompt-cache misses: cached prefixes written again. */
@NullMarked
package dev.tokensieve.core.detect.cache;

import org.jspecify.annotations.NullMarked;
