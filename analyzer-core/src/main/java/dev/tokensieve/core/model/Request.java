package dev.tokensieve.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One billed model API call, after de-duplication.
 *
 * @param callId the de-duplication key the trace gives ({@code message.id:requestId} for Claude
 *     Code), or a synthetic one where the format has none
 * @param at when the response was recorded
 * @param model the model as the trace names it
 * @param agentId {@code "main"} for the session's own agent, otherwise the sub-agent's id
 * @param usage the normalised tokens
 * @param reportedCostUsd the cost the trace itself states, where it states one
 * @param text the response's text to the user, a short excerpt of its head and tail ({@link
 *     #TEXT_LIMIT} characters at most), or null when it had none or the parser does not keep it
 */
public record Request(
    String callId,
    Instant at,
    String model,
    String agentId,
    Usage usage,
    @Nullable Double reportedCostUsd,
    @Nullable String text) {

  /** The agent id of the session's own (non-sub-agent) requests. */
  public static final String MAIN_AGENT = "main";

  /** The most characters of a response's text a request keeps. */
  public static final int TEXT_LIMIT = 400;

  /** Requires every field but the reported cost and the text; clips the text. */
  public Request {
    requireNonNull(callId, "callId");
    requireNonNull(at, "at");
    requireNonNull(model, "model");
    requireNonNull(agentId, "agentId");
    requireNonNull(usage, "usage");
    text = text == null ? null : Texts.clip(text, TEXT_LIMIT);
  }

  /** A request without the response's text. */
  public Request(
      String callId,
      Instant at,
      String model,
      String agentId,
      Usage usage,
      @Nullable Double reportedCostUsd) {
    this(callId, at, model, agentId, usage, reportedCostUsd, null);
  }

  /** Whether a sub-agent (not the session's own agent) made this request. */
  public boolean isSubAgent() {
    return !MAIN_AGENT.equals(agentId);
  }
}
