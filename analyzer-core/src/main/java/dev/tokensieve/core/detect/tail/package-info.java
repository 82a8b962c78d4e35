/** Detectors of abandoned tails: spend after a session's last progress. */
@NullMarked
package dev.tokensieve.core.detect.tail;

import org.jspecify.annotations.NullMarked;
