/** The JSON API's controllers, view records and the one place that maps exceptions to HTTP. */
@NullMarked
package dev.tokensieve.web.api;

import org.jspecify.annotations.NullMarked;
