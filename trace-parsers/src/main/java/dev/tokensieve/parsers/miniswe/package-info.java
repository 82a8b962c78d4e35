/** mini-swe-agent trajectories ({@code <instance>.traj.json}). */
@NullMarked
package dev.tokensieve.parsers.miniswe;

import org.jspecify.annotations.NullMarked;
