/** TokenSieve's core: the canonical session model, prices, detectors and the report model. */
@NullMarked
package dev.tokensieve.core;

import org.jspecify.annotations.NullMarked;
