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
  /*
   * How far back a result looks for its call before asking the map of every call: a call's result
   * mostly follows it within a few steps (parallel calls, then their results), and comparing a few
   * ids costs less than hashing two and comparing them in a map.
   */
  private static final int LOOK_BACK = 16;

  private final Object[] steps; // Steps: toArray(), as toArray(new Step[0]) checks each element
  private final int[] callAt;

  private CallIndex(Session session) {
    steps = session.steps().toArray();
    callAt = new int[steps.length];
    @Nullable Map<String, Integer> calls = null; // made at the first call not found nearby
    for (int i = 0; i < steps.length; i++) {
      Object s = steps[i];
      callAt[i] = -1;
      if (s instanceof Step.ToolCall) {
        if (calls != null) {
          calls.put(((Step.ToolCall) s).callId(), i);
        }
      } else if (s instanceof Step.ToolResult) {
        String id = ((Step.ToolResult) s).callId();
        int from = Math.max(0, i - LOOK_BACK);
        int call = latestCall(id, from, i);
        if (call < 0 && from > 0) {
          if (calls == null) {
            calls = new HashMap<>();
            for (int j = 0; j < i; j++) {
              if (steps[j] instanceof Step.ToolCall) {
                calls.put(((Step.ToolCall) steps[j]).callId(), j);
              }
            }
          }
          Integer found = calls.get(id);
          call = found == null ? -1 : found;
        }
        callAt[i] = call;
      }
    }
  }

  /** The last step in [from, to) that calls {@code id}; -1 if none does. */
  private int latestCall(String id, int from, int to) {
    for (int j = to - 1; j >= from; j--) {
      Object s = steps[j];
      if (s instanceof Step.ToolCall && ((Step.ToolCall) s).callId().equals(id)) {
        return j;
      }
    }
    return -1;
  }

  /** The simple form of the pairing: a map of calls by id, filled in step order; the reference. */
  static int[] callsByMap(Session session) {
    List<Step> list = session.steps();
    int[] at = new int[list.size()];
    Map<String, Integer> calls = new HashMap<>();
    for (int i = 0; i < at.length; i++) {
      Step s = list.get(i);
      at[i] = -1;
      if (s instanceof Step.ToolCall) {
        calls.put(((Step.ToolCall) s).callId(), i);
      } else if (s instanceof Step.ToolResult) {
        Integer call = calls.get(((Step.ToolResult) s).callId());
        at[i] = call == null ? -1 : call;
      }
    }
    return at;
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
    return (Step) steps[i];
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
