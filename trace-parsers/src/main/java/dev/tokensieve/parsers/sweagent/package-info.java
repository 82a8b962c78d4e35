/** SWE-agent trajectories ({@code <instance>.traj}). */
@NullMarked
package dev.tokensieve.parsers.sweagent;

import org.jspecify.annotations.NullMarked;
