/**
 * The outcome model: features of a session and a calibrated probability of success (Smile stays
 * inside this package).
 */
@NullMarked
package dev.tokensieve.scoring.model;

import org.jspecify.annotations.NullMarked;
