/** Price files a user supplies: the bundled table format or LiteLLM's JSON. */
@NullMarked
package dev.tokensieve.parsers.prices;

import org.jspecify.annotations.NullMarked;
