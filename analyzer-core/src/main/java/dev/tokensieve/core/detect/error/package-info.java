/** Detectors of API errors: requests lost to failed calls and their retries. */
@NullMarked
package dev.tokensieve.core.detect.error;

import org.jspecify.annotations.NullMarked;
