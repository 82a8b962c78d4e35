/** The {@code tokensieve} command. */
@NullMarked
package dev.tokensieve.cli;

import org.jspecify.annotations.NullMarked;
