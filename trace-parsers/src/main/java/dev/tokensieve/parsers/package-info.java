/**
 * Reads coding agents' session traces: format sniffing, one streaming parser per format (one
 * package each), and the corpus scanner that finds, groups and de-duplicates trace files.
 */
@NullMarked
package dev.tokensieve.parsers;

import org.jspecify.annotations.NullMarked;
