/** OpenHands event trajectories and evaluation / resolver output. */
@NullMarked
package dev.tokensieve.parsers.openhands;

import org.jspecify.annotations.NullMarked;
