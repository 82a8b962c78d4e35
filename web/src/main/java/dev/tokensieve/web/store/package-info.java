/**
 * The session store: an embedded Lucene index of analysed sessions and their findings, plus the raw
 * uploaded files, content-addressed, so that everything can be re-analysed.
 */
@NullMarked
package dev.tokensieve.web.store;

import org.jspecify.annotations.NullMarked;
