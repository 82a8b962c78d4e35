/** TokenSieve core: model. */
@NullMarked
package dev.tokensieve.core.model;

import org.jspecify.annotations.NullMarked;
