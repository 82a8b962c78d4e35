/** TokenSieve core: price. */
@NullMarked
package dev.tokensieve.core.price;

import org.jspecify.annotations.NullMarked;
