/** The IDE feed's server-sent-events hub. */
@NullMarked
package dev.tokensieve.web.feed;

import org.jspecify.annotations.NullMarked;
