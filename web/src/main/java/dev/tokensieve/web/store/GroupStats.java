package dev.tokensieve.web.store;

import static java.util.Objects.requireNonNull;

/**
 * The sums of one group of sessions (a team, a user, a repository, a model...).
 *
 * <p>Money is in micro-dollars: exactly the sum of the group's sessions as the API shows them.
 *
 * @param key the group's value ({@code (none)} for sessions without one)
 * @param sessions how many sessions
 * @param requests their requests
 * @param tokens their tokens
 * @param costMicros their cost
 * @param productiveMicros spend labelled productive
 * @param inefficientMicros spend labelled inefficient
 * @param wastefulMicros spend labelled wasteful
 * @param productiveTokens tokens labelled productive
 * @param inefficientTokens tokens labelled inefficient
 * @param wastefulTokens tokens labelled wasteful
 * @param successes sessions whose outcome is SUCCESS
 * @param failures sessions whose outcome is FAILURE
 */
public record GroupStats(
    String key,
    long sessions,
    long requests,
    long tokens,
    long costMicros,
    long productiveMicros,
    long inefficientMicros,
    long wastefulMicros,
    long productiveTokens,
    long inefficientTokens,
    long wastefulTokens,
    long successes,
    long failures) {
  /** Requires the key. */
  public GroupStats {
    requireNonNull(key, "key");
  }
}
