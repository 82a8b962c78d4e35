/** Who a session belongs to: user, team and repository, for the comparisons team leads make. */
@NullMarked
package dev.tokensieve.scoring.attribution;

import org.jspecify.annotations.NullMarked;
