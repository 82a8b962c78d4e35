package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Usage;
import java.time.Instant;

/**
 * One request as the session report shows it: what it cost and how its tokens were labelled.
 *
 * @param index 0-based request index
 * @param at when it was made
 * @param model the model
 * @param agentId main or the sub-agent
 * @param usage its tokens
 * @param costUsd its cost
 * @param productiveTokens tokens labelled productive
 * @param inefficientTokens tokens labelled inefficient
 * @param wastefulTokens tokens labelled wasteful
 */
public record RequestLine(
    int index,
    Instant at,
    String model,
    String agentId,
    Usage usage,
    double costUsd,
    long productiveTokens,
    long inefficientTokens,
    long wastefulTokens) {
  /** Requires the references. */
  public RequestLine {
    requireNonNull(at, "at");
    requireNonNull(model, "model");
    requireNonNull(agentId, "agentId");
    requireNonNull(usage, "usage");
  }
}
