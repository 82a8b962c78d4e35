package dev.tokensieve.core.detect;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.price.PricedSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session's steps by index, with the tool call each result answers: the latest call with the
 * result's call id before it (what a map of calls by id, filled in step order, gives).
 *
 * <p>Built once per session and kept with the priced session: the retry-loop, redundant-context and
 * abandoned-tail detectors and the outcome signals each used to pair results with calls through a
 * map of their own, and a lookup compares call ids character by character. Walking the steps by
 * index also spares the client JIT an interface call per step for the list's iterator.
 */
public final class CallIndex {
  private final Step[] steps;
  private final int[] callAt;

  private CallIndex(Session session) {
    List<Step> list = session.steps();
    steps = list.toArray(new Step[0]);
    callAt = new int[steps.length];
    Map<String, Integer> calls = new HashMap<>();
    for (int i = 0; i < steps.length; i++) {
      Step s = steps[i];
      callAt[i] = -1;
      if (s instanceof Step.ToolCall) {
        calls.put(((Step.ToolCall) s).callId(), i);
      } else if (s instanceof Step.ToolResult) {
        Integer call = calls.get(((Step.ToolResult) s).callId());
        if (call != null) {
          callAt[i] = call;
        }
      }
    }
  }

  /** The index of {@code session}'s steps, built at the first call and kept with it. */
  public static CallIndex of(PricedSession session) {
    return requireNonNull(session, "session")
        .derived(CallIndex.class, p -> new CallIndex(p.session()));
  }

  /** A new index of {@code session}'s steps (not kept: prefer {@link #of(PricedSession)}). */
  public static CallIndex of(Session session) {
    return new CallIndex(requireNonNull(session, "session"));
  }

  /** The number of steps. */
  public int size() {
    return steps.length;
  }

  /** Step {@code i}. */
  public Step step(int i) {
    return steps[i];
  }

  /**
   * The index of the call that the result at step {@code i} answers; -1 when step {@code i} is not
   * a result or no call before it has its id.
   */
  public int callAt(int i) {
    return callAt[i];
  }

  /** The call that the result at step {@code i} answers, or null (see {@link #callAt}). */
  public Step.@Nullable ToolCall callOf(int i) {
    int c = callAt[i];
    return c < 0 ? null : (Step.ToolCall) steps[c];
  }
}
