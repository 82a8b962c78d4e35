/** TokenSieve core: detect. */
@NullMarked
package dev.tokensieve.core.detect;

import org.jspecify.annotations.NullMarked;
