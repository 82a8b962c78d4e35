package dev.tokensieve.core.detect.loop;

import dev.tokensieve.core.Checks;
import dev.tokensieve.core.detect.Amounts;
import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.detect.Commands;
import dev.tokensieve.core.detect.Detector;
import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.price.PricedSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link FindingKind#RETRY_LOOP}: an agent repeating an action without a change that matters.
 *
 * <p>Three shapes, each reported once per occurrence:
 *
 * <ul>
 *   <li>the same failing command (same tool and arguments digest) run again with the same output
 *       (equal up to digits and whitespace), with no change in between: no edit, no user message,
 *       no shell command that could have changed something. A failed edit (its old text not found,
 *       a missing parameter) changed nothing, so it does not break a loop; and the same tool
 *       failing on the same target with the very same output is one failure retried even when the
 *       arguments differ (a shell's {@code make}, {@code make clean && make}; an edit tool called
 *       again without the parameter it said was required);
 *   <li>an edit undone and redone: the same replacement of a file's text applied again after its
 *       reverse, with no user message since it was first made (a user who asks for the revert or
 *       the re-apply is choosing, not looping);
 *   <li>a cycle of 1 to 4 actions whose calls and outputs repeat, block after block.
 * </ul>
 *
 * <p>One action repeated that only reads (a file read, a search, a read-only shell command such as
 * {@code cat} or {@code git status}) and succeeded each time is not a loop: it is content already
 * in the context sent again, which DESIGN.md gives to {@link FindingKind#REDUNDANT_CONTEXT}, so
 * that the same requests are not reported under two kinds.
 *
 * <p>Productive iteration (edit, test fails, a different edit, test passes) is not a loop: the edit
 * between two runs is a change, and different edits make different actions.
 *
 * <p>A finding claims the whole tokens of the requests that issued the repeats (the attempts after
 * the first); a request is claimed by at most one finding. Label: wasteful.
 */
public final class RetryLoopDetector implements Detector {
  /** The stable id. */
  public static final String ID = "retry-loop";

  /**
   * Attempts of the same failing command that make a loop. Two would flag a single re-run, which
   * agents and people do on purpose (to see whether a test is flaky, or after waiting for a server
   * to start); a third identical failure with nothing changed is a loop by any reading.
   */
  public static final int DEFAULT_MIN_ATTEMPTS = 3;

  /**
   * Times a cycle of actions must occur, counting the first. As with failing commands, doing the
   * same few things twice can be a deliberate re-check; three identical rounds are a loop.
   */
  public static final int DEFAULT_MIN_CYCLE_REPEATS = 3;

  /*
   * Symbols (see OutputSignature.head) hashed to tell outputs apart before hashing them whole: a
   * few lines, where outputs of the same call that changed mostly already differ.
   */
  static final int HEAD_SYMBOLS = 96;

  /** The longest cycle looked for, in actions: DESIGN.md's "a cycle of 1-4 steps". */
  public static final int MAX_CYCLE_LENGTH = 4;

  private final int minAttempts;
  private final int minCycleRepeats;

  /** A detector with the default thresholds. */
  public RetryLoopDetector() {
    this(DEFAULT_MIN_ATTEMPTS, DEFAULT_MIN_CYCLE_REPEATS);
  }

  /**
   * A detector with the given thresholds.
   *
   * @param minAttempts identical failing attempts that make a loop, in [2, 1000]
   * @param minCycleRepeats occurrences of a cycle that make a loop, in [2, 1000]
   */
  public RetryLoopDetector(int minAttempts, int minCycleRepeats) {
    this.minAttempts = Checks.inRange(minAttempts, 2, 1_000, "minAttempts");
    this.minCycleRepeats = Checks.inRange(minCycleRepeats, 2, 1_000, "minCycleRepeats");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> detect(PricedSession session) {
    Scan scan = new Scan(session);
    scan.walk();
    List<Finding> out = new ArrayList<>();
    BitSet claimed = new BitSet(session.size());
    // failing commands first: their summaries are the most specific
    for (Loop loop : scan.loops) {
      add(session, loop, claimed, out);
    }
    for (Loop loop : scan.cycles(minCycleRepeats)) {
      add(session, loop, claimed, out);
    }
    out.sort(Comparator.comparingInt(Finding::firstRequest).thenComparingInt(Finding::lastRequest));
    return out;
  }

  private static void add(PricedSession session, Loop loop, BitSet claimed, List<Finding> out) {
    int[] requests = loop.requests;
    BitSet first = new BitSet();
    for (int r : loop.firstAttempt) {
      first.set(r);
    }
    List<Charge> charges = new ArrayList<>();
    long tokens = 0;
    double usd = 0;
    int[] sorted = distinctSorted(requests);
    for (int r : sorted) {
      if (first.get(r) || claimed.get(r)) {
        continue;
      }
      claimed.set(r);
      long t = session.request(r).usage().total();
      double c = session.cost(r);
      charges.add(new Charge(r, t, c));
      tokens += t;
      usd += c;
    }
    if (charges.isEmpty()) {
      return;
    }
    List<String> evidence = new ArrayList<>(loop.evidence);
    evidence.add(
        "repeats issued by requests "
            + join(charges)
            + ": "
            + Amounts.tokens(tokens)
            + " tokens, "
            + Amounts.usd(usd));
    out.add(
        new Finding(
            FindingKind.RETRY_LOOP,
            sorted[0],
            sorted[sorted.length - 1],
            SpendLabel.WASTEFUL,
            loop.summary,
            evidence,
            charges));
  }

  /**
   * The distinct values of {@code values}, ascending (a loop, not a stream: this runs per loop).
   */
  static int[] distinctSorted(int[] values) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  private static String join(List<Charge> charges) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < charges.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (i == 8 && charges.size() > 10) {
        sb.append("… (").append(charges.size() - 9).append(" more), ");
        i = charges.size() - 1;
      }
      sb.append(charges.get(i).request());
    }
    return sb.toString();
  }

  /** A loop found by a scan: the requests of every attempt, the first attempt's, and its words. */
  private static final class Loop {
    final int[] requests;
    final int[] firstAttempt;
    final String summary;
    final List<String> evidence;

    Loop(int[] requests, int[] firstAttempt, String summary, List<String> evidence) {
      this.requests = requests;
      this.firstAttempt = firstAttempt;
      this.summary = summary;
      this.evidence = evidence;
    }
  }

  /** A run of identical failing attempts of one command. */
  private static final class Run {
    final Step.ToolCall call;
    final int epoch;
    final String digest;
    final Step.ToolResult result; // its excerpt is read only if an output must be compared
    final Actions actions;
    final int action; // the first attempt's place among actions
    private long signature;
    private boolean signed;
    private long head;
    private boolean headed;
    boolean identical = true;
    int[] requests = new int[4];
    int count;
    final java.util.Set<String> argsDigests = new java.util.HashSet<>();

    Run(Step.ToolCall call, int epoch, Step.ToolResult result, Actions actions, int action) {
      this.call = call;
      this.epoch = epoch;
      this.digest = result.digest();
      this.result = result;
      this.actions = actions;
      this.action = action;
    }

    /**
     * Whether {@code result} says what the first attempt said: equal up to numbers and spacing, or
     * with the same digest (a parser digests what a command printed without its runner's header,
     * such as the chunk id Codex's unified exec writes above every output).
     *
     * <p>The digests are compared first: the signatures hash every character of both excerpts, and
     * most repeats print exactly the same, so they are computed only when the digests differ.
     */
    boolean sameOutput(Step.ToolResult result, int resultAction) {
      if (digest.equals(result.digest())) {
        return true;
      }
      if (actions.results[action] == this.result) {
        // the same hashes, kept by the actions: the cycle search compares these outputs again
        return actions.sameOutput(action, resultAction);
      }
      // the first attempt's call was answered again since (a duplicate result)
      String other = result.excerpt();
      // heads first, as in Actions.sameOutput
      return head() == OutputSignature.head(other, HEAD_SYMBOLS)
          && signature() == OutputSignature.of(other);
    }

    private long head() {
      if (!headed) {
        head = OutputSignature.head(result.excerpt(), HEAD_SYMBOLS);
        headed = true;
      }
      return head;
    }

    private long signature() {
      if (!signed) {
        signature = OutputSignature.of(result.excerpt());
        signed = true;
      }
      return signature;
    }

    void add(int request) {
      if (count == requests.length) {
        requests = Arrays.copyOf(requests, count * 2);
      }
      requests[count++] = request;
    }
  }

  /** One pass over the steps; then the cycle search over each agent's actions. */
  private final class Scan {
    final PricedSession session;
    final CallIndex index;
    final int[] actionAt; // per call step with a request: its place among its agent's actions
    final List<Loop> loops = new ArrayList<>();
    final Map<String, int[]> changeEpochs = new HashMap<>();
    final Map<Key, Run> runs = new LinkedHashMap<>();
    // the same tool failing on the same target with the same output, whatever its arguments
    final Map<Key, Run> failures = new LinkedHashMap<>();
    final Map<String, int[]> userEpochs = new HashMap<>();
    final Map<Key, Integer> lastEditUsers = new HashMap<>();
    final java.util.Set<String> failedCalls = new java.util.HashSet<>();
    final Map<Key, Integer> lastEdit = new HashMap<>();
    final Map<Key, Oscillation> oscillations = new LinkedHashMap<>();
    final Map<String, Actions> actions = new LinkedHashMap<>();
    final Map<String, Boolean> readOnly = new HashMap<>(); // sessions repeat their commands

    Scan(PricedSession session) {
      this.session = session;
      this.index = CallIndex.of(session);
      this.actionAt = new int[index.size()];
    }

    /*
     * get and put, not computeIfAbsent: these run per step, and on the client JIT the lambda's
     * invokedynamic costs more than the second lookup of a new agent.
     */
    int[] epochOf(String agent) {
      int[] epoch = changeEpochs.get(agent);
      if (epoch == null) {
        epoch = new int[1];
        changeEpochs.put(agent, epoch);
      }
      return epoch;
    }

    void walk() {
      for (Step step : session.session().steps()) {
        if (step instanceof Step.ToolResult && failed((Step.ToolResult) step)) {
          failedCalls.add(((Step.ToolResult) step).callId());
        }
      }
      for (int s = 0; s < index.size(); s++) {
        Step step = index.step(s);
        if (step instanceof Step.ToolCall) {
          Step.ToolCall call = (Step.ToolCall) step;
          if (call.request() >= 0) {
            actionAt[s] = actionsOf(call.agentId()).add(call, call.request());
          }
        } else if (step instanceof Step.ToolResult) {
          onResult((Step.ToolResult) step, index.callAt(s));
        } else if (step instanceof Step.Edit) {
          if (failedCalls.contains(((Step.Edit) step).callId())) {
            continue; // the tool refused the edit: the file is as it was
          }
          onEdit((Step.Edit) step);
          epochOf(step.agentId())[0]++;
        } else if (step instanceof Step.UserMessage) {
          epochOf(step.agentId())[0]++;
          int[] users = userEpochs.get(step.agentId());
          if (users == null) {
            userEpochs.put(step.agentId(), new int[] {1});
          } else {
            users[0]++;
          }
        }
      }
      for (Run run : runs.values()) {
        flush(run);
      }
      for (Run run : failures.values()) {
        flushFailure(run);
      }
      for (Oscillation o : oscillations.values()) {
        o.flush(loops);
      }
    }

    Actions actionsOf(String agent) {
      Actions a = actions.get(agent);
      if (a == null) {
        a = new Actions();
        actions.put(agent, a);
      }
      return a;
    }

    void onResult(Step.ToolResult result, int callAt) {
      if (callAt < 0) {
        return;
      }
      Step.ToolCall call = (Step.ToolCall) index.step(callAt);
      if (call.request() < 0) {
        return;
      }
      Actions acts = actionsOf(call.agentId());
      int action = actionAt[callAt];
      acts.result(action, result);
      String agent = call.agentId();
      Key key = new Key(agent, call.argsDigest(), "", "");
      boolean failed = failed(result);
      int[] epoch = epochOf(agent);
      if (failed && result.tokens() > 0) {
        // a retry of a shell command re-words what comes before it (cd, make clean, rm -rf
        // build), not the command itself: its last step is the key. Other tools keep their target
        String target = call.kind() == ToolKind.SHELL ? lastStep(call.target()) : call.target();
        Key same = new Key(agent, call.tool(), target, result.digest());
        Run run = failures.get(same);
        if (run == null || run.epoch != epoch[0]) {
          if (run != null) {
            flushFailure(run);
          }
          run = new Run(call, epoch[0], result, acts, action);
          failures.put(same, run);
        }
        run.add(call.request());
        run.argsDigests.add(call.argsDigest());
      }
      if (failed) {
        Run run = runs.get(key);
        if (run == null || run.epoch != epoch[0] || !run.sameOutput(result, action)) {
          if (run != null) {
            flush(run);
          }
          run = new Run(call, epoch[0], result, acts, action);
          runs.put(key, run);
        } else if (!run.digest.equals(result.digest())) {
          run.identical = false;
        }
        run.add(call.request());
      } else {
        Run run = runs.remove(key);
        if (run != null) {
          flush(run);
        }
        if (changesThings(call)) {
          epoch[0]++;
        }
      }
    }

    /**
     * Reports a run of one failure retried with different arguments; a run whose attempts all had
     * the same arguments is the identical command's, which {@link #flush} reports.
     */
    void flushFailure(Run run) {
      // the excerpt is read last, only for a run long enough to report
      if (run.count < minAttempts || run.argsDigests.size() < 2 || !saysWhatFailed(run.result)) {
        return;
      }
      int[] requests = Arrays.copyOf(run.requests, run.count);
      String what =
          run.call.kind() == ToolKind.SHELL
              ? "ran "
                  + Amounts.quote(lastStep(run.call.target()))
                  + " after "
                  + run.argsDigests.size()
                  + " different preparations,"
              : "called " + run.call.tool() + " " + Amounts.quote(run.call.target());
      String summary = what + " " + run.count + " times with the same failure";
      List<String> evidence = new ArrayList<>();
      evidence.add("identical output each time, ending " + lastLine(run.result.excerpt()));
      evidence.add(
          "the arguments changed, the failure did not; nothing changed in between: no"
              + " successful edit, no user message, no other command");
      loops.add(new Loop(requests, new int[] {requests[0]}, summary, evidence));
    }

    boolean changesThings(Step.ToolCall call) {
      if (call.kind() == ToolKind.EDIT || call.kind() == ToolKind.WRITE) {
        return true;
      }
      if (call.kind() != ToolKind.SHELL) {
        return false;
      }
      Boolean known = readOnly.get(call.target());
      if (known == null) {
        known = Commands.isReadOnly(call.target());
        readOnly.put(call.target(), known);
      }
      return !known;
    }

    void flush(Run run) {
      if (run.count < minAttempts) {
        return;
      }
      int[] requests = Arrays.copyOf(run.requests, run.count);
      String what =
          run.call.kind() == ToolKind.SHELL
              ? "ran " + Amounts.quote(run.call.target())
              : "called " + run.call.tool() + " " + Amounts.quote(run.call.target());
      String summary = what + " " + run.count + " times with the same failure";
      List<String> evidence = new ArrayList<>();
      evidence.add(
          (run.identical ? "identical output" : "the same output up to numbers and spacing")
              + " each time, ending "
              + lastLine(run.result.excerpt()));
      evidence.add("nothing changed between attempts: no edit, no user message, no other command");
      loops.add(new Loop(requests, new int[] {requests[0]}, summary, evidence));
    }

    void onEdit(Step.Edit edit) {
      if (edit.request() < 0 || edit.before().equals(edit.after())) {
        return;
      }
      Key base = new Key(edit.agentId(), edit.file(), "", "");
      Key forward = new Key(edit.agentId(), edit.file(), edit.before(), edit.after());
      Key reverse = new Key(edit.agentId(), edit.file(), edit.after(), edit.before());
      Integer sameAt = lastEdit.get(forward);
      Integer reverseAt = lastEdit.get(reverse);
      int[] userCount = userEpochs.get(edit.agentId());
      int users = userCount == null ? 0 : userCount[0];
      Integer usersAtFirst = lastEditUsers.get(forward);
      if (sameAt != null
          && reverseAt != null
          && reverseAt >= sameAt
          && usersAtFirst != null
          && usersAtFirst == users) {
        Oscillation o =
            oscillations.computeIfAbsent(base, b -> new Oscillation(edit.file(), sameAt));
        o.redo(reverseAt, edit.request());
      }
      lastEdit.put(forward, edit.request());
      lastEditUsers.put(forward, users);
    }

    List<Loop> cycles(int repeats) {
      List<Loop> out = new ArrayList<>();
      for (Actions a : actions.values()) {
        a.findCycles(repeats, out);
      }
      return out;
    }
  }

  /**
   * Up to four strings compared as a tuple: what keys used to join with NUL into one string.
   * Joining copied every character of an edit's texts (twice per edit) and hashed the copies; a
   * tuple hashes each string once (String caches it) and copies nothing. (Joined keys could also
   * collide when a part held a NUL; tuples cannot.)
   */
  private static final class Key {
    private final String a;
    private final String b;
    private final String c;
    private final String d;
    private final int hash;

    Key(String a, String b, String c, String d) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.hash = ((a.hashCode() * 31 + b.hashCode()) * 31 + c.hashCode()) * 31 + d.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && a.equals(k.a) && b.equals(k.b) && c.equals(k.c) && d.equals(k.d);
    }
  }

  /** An edit of one file undone and redone, once or more. */
  private static final class Oscillation {
    final String file;
    final int firstRequest;
    final List<Integer> requests = new ArrayList<>();
    int redos;

    Oscillation(String file, int firstRequest) {
      this.file = file;
      this.firstRequest = firstRequest;
    }

    void redo(int undoRequest, int redoRequest) {
      requests.add(undoRequest);
      requests.add(redoRequest);
      redos++;
    }

    void flush(List<Loop> loops) {
      int[] rs = new int[requests.size() + 1];
      rs[0] = firstRequest;
      for (int i = 0; i < requests.size(); i++) {
        rs[i + 1] = requests.get(i);
      }
      String summary =
          "undid and redid the same edit of "
              + Amounts.quote(file)
              + " "
              + redos
              + (redos == 1 ? " time" : " times");
      List<String> evidence =
          List.of("first made by request " + firstRequest + ", then reverted and applied again");
      loops.add(new Loop(rs, new int[] {firstRequest}, summary, evidence));
    }
  }

  /**
   * One agent's tool calls in order, with a signature of call and output each.
   *
   * <p>An output's signature and first line are computed when first asked for, not when the result
   * arrives: a signature hashes every character of the excerpt, and only actions whose calls
   * already match (same tool and arguments) ever compare outputs, so most outputs never need one.
   */
  private static final class Actions {
    long[] signatures = new long[16];
    // results, not their excerpts: a parser may make an excerpt only when it is first read
    @Nullable Step.ToolResult[] results = new Step.ToolResult[16];
    long[] outputs = new long[16];
    boolean[] signed = new boolean[16];
    long[] heads = new long[16];
    boolean[] headed = new boolean[16];
    @Nullable String[] digests = new String[16];
    int[] requests = new int[16];
    final List<Step.ToolCall> calls = new ArrayList<>();
    boolean[] failed = new boolean[16];
    int size;

    /** Adds {@code call} as the next action; returns its place. */
    int add(Step.ToolCall call, int request) {
      if (size == signatures.length) {
        signatures = Arrays.copyOf(signatures, size * 2);
        results = Arrays.copyOf(results, size * 2);
        outputs = Arrays.copyOf(outputs, size * 2);
        signed = Arrays.copyOf(signed, size * 2);
        heads = Arrays.copyOf(heads, size * 2);
        headed = Arrays.copyOf(headed, size * 2);
        digests = Arrays.copyOf(digests, size * 2);
        requests = Arrays.copyOf(requests, size * 2);
        failed = Arrays.copyOf(failed, size * 2);
      }
      signatures[size] = call.argsDigest().hashCode() * 31L + call.tool().hashCode();
      requests[size] = request;
      calls.add(call);
      return size++;
    }

    /** Records the result of action {@code i}. */
    void result(int i, Step.ToolResult result) {
      signatures[i] ^= result.isError() ? 1 : 0;
      results[i] = result;
      signed[i] = false;
      headed[i] = false;
      digests[i] = result.digest();
      failed[i] =
          result.isError() || (result.exitCode() != null && result.exitCode().intValue() != 0);
    }

    /** The signature of action {@code i}'s output; 0 while it has none. */
    long output(int i) {
      Step.ToolResult result = results[i];
      if (result == null) {
        return 0;
      }
      if (!signed[i]) {
        outputs[i] = OutputSignature.of(result.excerpt());
        signed[i] = true;
      }
      return outputs[i];
    }

    /** The signature of the head of action {@code i}'s output; 0 while it has none. */
    long head(int i) {
      Step.ToolResult result = results[i];
      if (result == null) {
        return 0;
      }
      if (!headed[i]) {
        heads[i] = OutputSignature.head(result.excerpt(), HEAD_SYMBOLS);
        headed[i] = true;
      }
      return heads[i];
    }

    /** The first line of action {@code i}'s output, quoted; null while it has none. */
    @Nullable String firstLine(int i) {
      Step.ToolResult result = results[i];
      return result == null ? null : RetryLoopDetector.firstLine(result.excerpt());
    }

    /*
     * For each period p, match[i] says action i equals action i - p; a run of m matches covers a
     * block of p actions repeated (m / p) + 1 times. Shorter periods are tried first and the
     * actions they cover are skipped by longer ones, so "A A A A" is one cycle of 1, not of 2.
     * O(MAX_CYCLE_LENGTH * actions).
     */
    void findCycles(int repeats, List<Loop> out) {
      boolean[] covered = new boolean[size];
      for (int p = 1; p <= MAX_CYCLE_LENGTH; p++) {
        int run = 0;
        for (int i = p; i <= size; i++) {
          // covered first: it is free, and same() may hash two outputs
          boolean match = i < size && !covered[i] && same(i, i - p);
          if (match) {
            run++;
            continue;
          }
          if (run >= (repeats - 1) * p) {
            int end = i - 1;
            int start = end - run - p + 1;
            int times = (run / p) + 1;
            for (int k = start; k <= end; k++) {
              covered[k] = true;
            }
            if (p > 1 || !isReRead(start)) {
              out.add(cycle(start, end, p, times));
            }
          }
          run = 0;
        }
      }
    }

    /** Whether actions {@code i} and {@code j} made the same call and got the same output. */
    boolean same(int i, int j) {
      if (signatures[i] != signatures[j]) {
        return false;
      }
      String d = digests[i];
      return (d != null && d.equals(digests[j])) || sameOutput(i, j);
    }

    /**
     * Whether the outputs of actions {@code i} and {@code j} have the same signature, the reference
     * being {@code output(i) == output(j)}. Their heads are compared first: equal signatures have
     * equal heads (OutputSignatureTest checks it), most repeated calls whose output changed differ
     * in their first lines, and a head hashes those only.
     */
    boolean sameOutput(int i, int j) {
      return head(i) == head(j) && output(i) == output(j);
    }

    /** Whether action {@code i} only read, and succeeded: repeated, it is redundant context. */
    boolean isReRead(int i) {
      Step.ToolCall c = calls.get(i);
      boolean reads =
          c.kind() == ToolKind.READ
              || c.kind() == ToolKind.SEARCH
              || (c.kind() == ToolKind.SHELL && Commands.isReadOnly(c.target()));
      return reads && !failed[i];
    }

    Loop cycle(int start, int end, int p, int times) {
      int[] rs = Arrays.copyOfRange(requests, start, end + 1);
      int[] first = Arrays.copyOfRange(requests, start, start + p);
      StringBuilder block = new StringBuilder();
      for (int k = start; k < start + p; k++) {
        if (k > start) {
          block.append(" -> ");
        }
        Step.ToolCall c = calls.get(k);
        block.append(c.tool()).append(' ').append(Amounts.quote(c.target()));
      }
      String summary =
          p == 1
              ? "repeated " + block + " " + times + " times with the same result"
              : "repeated a cycle of " + p + " actions " + times + " times: " + block;
      List<String> evidence = new ArrayList<>();
      for (int k = start; k < start + p; k++) {
        String line = firstLine(k);
        evidence.add(
            calls.get(k).tool() + " result, the same each round: " + (line == null ? "" : line));
      }
      return new Loop(rs, first, summary, evidence);
    }
  }

  /**
   * Whether a failed result names its failure, so that two calls failing with it failed the same
   * way: not a bare exit code ({@code "Exit code 1 --- ---"} from two different lookups), and not
   * Claude Code's cancellation of the calls made beside a failed one ({@code "Sibling tool call
   * errored"}), which says nothing about the call it is attached to. Both were false loops in real
   * Claude Code sessions.
   */
  static boolean saysWhatFailed(Step.ToolResult result) {
    if (result.tokens() <= 0) {
      return false;
    }
    String text = result.excerpt();
    if (text.contains("Sibling tool call errored")) {
      return false;
    }
    int letters = 0;
    String rest = EXIT_CODE.matcher(text).replaceAll("");
    for (int i = 0; i < rest.length() && letters < MIN_FAILURE_LETTERS; i++) {
      letters += Character.isLetter(rest.charAt(i)) ? 1 : 0;
    }
    return letters >= MIN_FAILURE_LETTERS;
  }

  private static final java.util.regex.Pattern EXIT_CODE =
      java.util.regex.Pattern.compile("(?i)exit code:? *-?\\d+");

  /** The letters a failure's text needs, beyond an exit code, to say what failed. */
  static final int MIN_FAILURE_LETTERS = 12;

  /**
   * The last step of a shell command line: what follows its last {@code &&}, {@code ||} or {@code
   * ;}, without a trailing {@code 2>&1} or a {@code | head}/{@code | tail} that only trims what it
   * prints. {@code cd /repo && make clean && make 2>&1 | tail -20} is {@code make}.
   */
  static String lastStep(String command) {
    String c = command.strip();
    int cut = Math.max(c.lastIndexOf("&&"), Math.max(c.lastIndexOf("||"), c.lastIndexOf(';')));
    String last = cut < 0 ? c : c.substring(cut + (c.charAt(cut) == ';' ? 1 : 2));
    return TRIMMING.matcher(last).replaceAll("").strip();
  }

  private static final java.util.regex.Pattern TRIMMING =
      java.util.regex.Pattern.compile("(\\s*\\|\\s*(head|tail)\\b[^|]*|\\s*2>&1)+\\s*$");

  private static boolean failed(Step.ToolResult result) {
    return result.isError() || (result.exitCode() != null && result.exitCode().intValue() != 0);
  }

  static String lastLine(String text) {
    String t = text.strip();
    int nl = t.lastIndexOf('\n');
    return Amounts.quote(nl < 0 ? t : t.substring(nl + 1));
  }

  static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl).strip();
    return Amounts.quote(line);
  }
}
