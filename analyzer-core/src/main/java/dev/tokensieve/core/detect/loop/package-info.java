/** Detectors of retry loops: the same action repeated without a change that matters. */
@NullMarked
package dev.tokensieve.core.detect.loop;

import org.jspecify.annotations.NullMarked;
