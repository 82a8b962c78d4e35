package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Step;

/** Re-points steps at another request index, for de-duplication across sessions. */
final class Steps {
  private Steps() {}

  static Step withRequest(Step s, int i) {
    if (s.request() == i) {
      return s;
    }
    if (s instanceof Step.ToolCall c) {
      return new Step.ToolCall(
          c.at(), i, c.agentId(), c.callId(), c.tool(), c.kind(), c.target(), c.argsDigest());
    }
    if (s instanceof Step.ToolResult r) {
      return new Step.ToolResult(
          r.at(),
          i,
          r.agentId(),
          r.callId(),
          r.isError(),
          r.exitCode(),
          r.tokens(),
          r.digest(),
          r.excerpt());
    }
    if (s instanceof Step.Edit e) {
      return new Step.Edit(e.at(), i, e.agentId(), e.callId(), e.file(), e.before(), e.after());
    }
    if (s instanceof Step.UserMessage u) {
      return new Step.UserMessage(u.at(), i, u.agentId(), u.tokens(), u.excerpt());
    }
    if (s instanceof Step.Interrupt x) {
      return new Step.Interrupt(x.at(), i, x.agentId());
    }
    if (s instanceof Step.Compaction c) {
      return new Step.Compaction(c.at(), i, c.agentId(), c.preTokens());
    }
    if (s instanceof Step.ApiError a) {
      return new Step.ApiError(a.at(), i, a.agentId(), a.message());
    }
    throw new IllegalStateException("unknown step type " + s.getClass().getName());
  }
}
