package dev.tokensieve.core.model;

import static dev.tokensieve.core.Checks.nonNegative;

/**
 * Tokens of one request that a finding claims, and what they cost: the link from a dollar figure
 * back to the request behind it.
 *
 * @param request 0-based index into the session's requests
 * @param tokens how many of that request's tokens the finding claims
 * @param costUsd what those tokens cost (the avoidable part, for inefficient findings)
 */
public record Charge(int request, long tokens, double costUsd) {
  /** Rejects negative values. */
  public Charge {
    nonNegative(request, "request");
    nonNegative(tokens, "tokens");
    nonNegative(costUsd, "costUsd");
  }
}
