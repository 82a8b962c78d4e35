/** Detectors of model overkill: a premium model on trivial steps. */
@NullMarked
package dev.tokensieve.core.detect.model;

import org.jspecify.annotations.NullMarked;
