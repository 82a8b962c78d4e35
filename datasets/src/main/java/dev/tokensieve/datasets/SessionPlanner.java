package dev.tokensieve.datasets;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.datasets.Script.Block;
import dev.tokensieve.datasets.Script.Call;
import dev.tokensieve.datasets.Script.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Plans sessions: simulates an agent working on a task in a repository, step by step, with the
 * context and cache of every agent accounted for by {@link ContextModel}, and records the waste it
 * injects. One planner per generator; each {@link #plan} call is independent and deterministic in
 * its seed.
 */
final class SessionPlanner {
  static final String SONNET = "claude-sonnet-4-5-20250929";
  static final String OPUS = "claude-opus-4-6";
  static final String HAIKU = "claude-haiku-4-5-20251001";
  static final String GPT = "gpt-5.3-codex";
  static final String GPT_MINI = "gpt-5.1-codex-mini";

  /**
   * Trivial steps in a row that make a survey a cheaper model would do as well: DESIGN.md's
   * "premium model doing trivial steps" read as a run, not the odd lookup between edits.
   */
  static final int OVERKILL_MIN_RUN = 5;

  /**
   * The largest result of a trivial lookup: a few lines (a status, a listing, a handful of hits).
   */
  static final long TRIVIAL_RESULT_TOKENS = 200;

  private static final String MAIN = Request.MAIN_AGENT;
  private static final String[] VERSIONS = {"2.1.29", "2.1.33", "2.1.38", "2.1.39", "2.1.42"};
  private static final String[] SLUG_WORDS = {
    "rustling", "leaping", "humble", "seeking", "breezy", "waddling", "linked", "soaring", "prancy",
    "stirring", "modular", "petting", "quiet", "golden", "swift", "umbrella", "flurry", "swing"
  };

  private final Content content;

  SessionPlanner(Content content) {
    this.content = content;
  }

  /**
   * Plans one session of {@code scenario}; for {@link Scenario#RESUMED} returns the earlier session
   * first and then the one that resumes it.
   */
  List<Script> plan(
      long seed, Instant start, Roster.Member member, Scenario scenario, CorpusFormat format) {
    SplittableRandom rnd = new SplittableRandom(seed);
    if (scenario == Scenario.RESUMED) {
      Sim first = new Sim(rnd, member, start, Scenario.CLEAN_SUCCESS, format, null);
      first.run();
      Instant later = first.now.plusSeconds(3600L * (2 + rnd.nextInt(20)));
      Sim second = new Sim(rnd, member, later, Scenario.RESUMED, format, first);
      second.run();
      return List.of(first.finish(), second.finish());
    }
    Sim sim = new Sim(rnd, member, start, scenario, format, null);
    sim.run();
    return List.of(sim.finish());
  }

  /** The scenario's simulation; not reusable. */
  private final class Sim {
    final SplittableRandom rnd;
    final Script s;
    final boolean codex;
    final Toolchain tc;
    Instant now;
    String model;
    final Map<String, ContextModel> contexts = new HashMap<>();
    final Map<String, String> agentModels = new HashMap<>();
    final Set<Long> callMillis = new HashSet<>();
    final Map<String, long[]> files = new LinkedHashMap<>(); // path -> {seed, version, lines}
    final Map<String, String> texts = new HashMap<>(); // path -> current text (cache)
    final Map<String, String> numberedTexts = new HashMap<>(); // path -> Read view (cache)
    final List<Call> calls = new ArrayList<>();
    final List<String> changed = new ArrayList<>();
    @Nullable Call lastProgress;
    final List<Call> misses = new ArrayList<>();
    final @Nullable Sim resumes;
    long testSeed;
    int passing;
    int toolSeq;

    Sim(
        SplittableRandom parent,
        Roster.Member member,
        Instant start,
        Scenario scenario,
        CorpusFormat format,
        @Nullable Sim resumes) {
      this.rnd = parent.split();
      this.codex = format == CorpusFormat.CODEX;
      this.resumes = resumes;
      Roster.Repo repo;
      String branch;
      if (resumes != null) {
        repo = resumes.s.repo;
        branch = resumes.s.branch;
      } else {
        repo = member.team().repos().get(rnd.nextInt(member.team().repos().size()));
        branch =
            rnd.nextInt(4) == 0
                ? "main"
                : member.user() + "/" + Content.word(rnd) + "-" + Content.word(rnd);
      }
      this.tc = repo.toolchain();
      String sid = codex ? Ids.uuid7(rnd, start.toEpochMilli()) : Ids.uuid(rnd);
      String slug =
          SLUG_WORDS[rnd.nextInt(SLUG_WORDS.length)]
              + "-"
              + SLUG_WORDS[rnd.nextInt(SLUG_WORDS.length)]
              + "-"
              + Content.word(rnd);
      this.s =
          new Script(
              sid,
              format,
              scenario,
              member,
              repo,
              "/home/" + member.user() + "/src/" + repo.name(),
              branch,
              codex ? "0.104.0" : VERSIONS[rnd.nextInt(VERSIONS.length)],
              slug,
              rnd.nextLong(),
              !codex && rnd.nextInt(5) == 0,
              start);
      this.now = start;
      this.testSeed = rnd.nextLong();
      this.passing = 8 + rnd.nextInt(60);
      if (codex) {
        model = scenario == Scenario.MODEL_OVERKILL || rnd.nextInt(4) > 0 ? GPT : GPT_MINI;
      } else if (scenario == Scenario.MODEL_OVERKILL) {
        model = OPUS;
      } else {
        int m = rnd.nextInt(20);
        model = m < 12 ? SONNET : m < 18 ? OPUS : HAIKU;
      }
      boolean oneHour = !codex && rnd.nextInt(10) < 3;
      if (resumes != null) {
        s.resumes = resumes.s;
        model = resumes.model;
        ContextModel old = resumes.contexts.get(MAIN);
        contexts.put(MAIN, old);
      } else {
        ContextModel main = new ContextModel(codex, oneHour, 14_000 + rnd.nextInt(12_000));
        if (rnd.nextInt(10) < 7) {
          main.warm(start.minusSeconds(30 + rnd.nextInt(200)), model);
        }
        contexts.put(MAIN, main);
      }
      agentModels.put(MAIN, model);
    }

    // ---------------------------------------------------------------- primitives

    void advance(long millis) {
      now = now.plusMillis(millis);
    }

    void think() {
      advance(15_000 + rnd.nextInt(200_000)); // < 5 min: the cache stays alive
    }

    ContextModel ctx(String agent) {
      return contexts.get(agent);
    }

    void prompt(String text) {
      s.events.add(new Script.Prompt(now, MAIN, text, false));
      ctx(MAIN).add(tokens(text) + 6);
      advance(200 + rnd.nextInt(1500));
    }

    long tokens(String text) {
      return (text.length() + 3) / 4;
    }

    String toolId() {
      toolSeq++;
      return codex ? Ids.base62(rnd, "call_", 24) : Ids.base62(rnd, "toolu_01", 22);
    }

    /** One billed response made of {@code blocks}; returns the call. */
    Call respond(String agent, List<Block> blocks) {
      long out = 0;
      long reasoning = 0;
      for (Block b : blocks) {
        switch (b.type()) {
          case THINKING:
            long t = tokens(b.text());
            out += t;
            reasoning += t;
            break;
          case TEXT:
            out += tokens(b.text()) + 2;
            break;
          default:
            long chars = 0;
            for (Object v : b.input().values()) {
              chars += String.valueOf(v).length() + 8;
            }
            out += 12 + (chars + 3) / 4;
        }
      }
      advance(900 + rnd.nextInt(2500) + out * (8 + rnd.nextInt(10)));
      long ms = now.toEpochMilli();
      while (!callMillis.add(ms)) {
        ms++;
      }
      now = Instant.ofEpochMilli(ms);
      String m = agentModels.get(agent);
      ContextModel c = ctx(agent);
      Usage u = c.request(now, m, out, codex ? reasoning : 0, rnd);
      Call call =
          new Call(
              now,
              agent,
              m,
              Ids.base62(rnd, "msg_01", 22),
              Ids.base62(rnd, "req_011C", 20),
              List.copyOf(blocks),
              u);
      s.events.add(call);
      calls.add(call);
      if (c.lastWasMiss()) {
        misses.add(call);
      }
      advance(20L * blocks.size());
      return call;
    }

    /** Leading blocks a response often has before its tool use. */
    List<Block> preamble() {
      List<Block> b = new ArrayList<>(3);
      if (rnd.nextInt(10) < 3) {
        b.add(Block.thinking(Content.prose(rnd, 30 + rnd.nextInt(150))));
      }
      if (rnd.nextInt(10) < 5) {
        b.add(Block.text(Content.prose(rnd, 10 + rnd.nextInt(40))));
      }
      return b;
    }

    void result(
        String agent,
        Block call,
        String text,
        boolean error,
        @Nullable Integer exit,
        Map<String, Object> extra,
        long runMillis) {
      advance(runMillis);
      s.events.add(new Script.Result(now, agent, call, text, error, exit, extra));
      ctx(agent).add(tokens(text) + 8);
      advance(50 + rnd.nextInt(400));
    }

    Block bashBlock(String command, String description) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("command", command);
      in.put("description", description);
      return Block.tool(toolId(), "Bash", ToolKind.SHELL, in);
    }

    /** A shell command issued by one response; returns the call. */
    Call bash(String agent, String command, String output, int exit, long runMillis) {
      Block b = bashBlock(command, describe(command));
      List<Block> blocks = preamble();
      blocks.add(b);
      Call c = respond(agent, blocks);
      bashResult(agent, b, output, exit, runMillis);
      return c;
    }

    void bashResult(String agent, Block b, String output, int exit, long runMillis) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("stdout", output);
      extra.put("stderr", "");
      String text = exit == 0 ? output : "Exit code " + exit + "\n" + output;
      result(agent, b, text, exit != 0, exit, extra, runMillis);
    }

    String describe(String command) {
      if (command.startsWith("git commit") || command.startsWith("git add")) {
        return "Commit the changes";
      }
      if (command.contains("test") || command.startsWith("pytest")) {
        return "Run the tests";
      }
      return "Run " + command.split(" ")[0];
    }

    String newPath() {
      String p = Content.sourcePath(tc, rnd);
      files.putIfAbsent(p, new long[] {rnd.nextLong(), 0, 40 + rnd.nextInt(260)});
      return p;
    }

    String somePath() {
      if (files.isEmpty() || rnd.nextInt(3) == 0) {
        return newPath();
      }
      List<String> keys = new ArrayList<>(files.keySet());
      return keys.get(rnd.nextInt(keys.size()));
    }

    /**
     * Each agent's view of each file: the version it last read in its current context (agent, NUL,
     * path). A read of the same version in the same context is redundant context (DESIGN.md), so
     * only the planted redundant reads may do it; ordinary reads pick {@link #unreadPath}.
     */
    final Map<String, Long> readVersions = new HashMap<>();

    /** A file {@code agent} has not read in its current context since it last changed. */
    String unreadPath(String agent) {
      List<String> unread = new ArrayList<>();
      for (Map.Entry<String, long[]> e : files.entrySet()) {
        Long seen = readVersions.get(agent + '\u0000' + e.getKey());
        if (seen == null || seen != e.getValue()[1]) {
          unread.add(e.getKey());
        }
      }
      if (unread.isEmpty() || rnd.nextInt(3) == 0) {
        String p = newPath();
        return readVersions.containsKey(agent + '\u0000' + p) ? unreadPath(agent) : p;
      }
      return unread.get(rnd.nextInt(unread.size()));
    }

    String fileText(String path) {
      String t = texts.get(path);
      if (t == null) {
        long[] f = files.get(path);
        t = content.file(tc, f[0], (int) f[1], (int) f[2]);
        texts.put(path, t);
      }
      return t;
    }

    String numberedText(String path) {
      return numberedTexts.computeIfAbsent(path, p -> Content.numbered(fileText(p)));
    }

    Block readBlock(String path) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("file_path", s.cwd + "/" + path);
      return Block.tool(toolId(), "Read", ToolKind.READ, in);
    }

    void readResult(String agent, Block b, String path) {
      readVersions.put(agent + '\u0000' + path, files.get(path)[1]);
      String raw = fileText(path);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("raw", raw);
      extra.put("lines", files.get(path)[2]);
      result(agent, b, numberedText(path), false, null, extra, 30 + rnd.nextInt(150));
    }

    Call read(String agent, String path) {
      files.computeIfAbsent(path, k -> new long[] {rnd.nextLong(), 0, 40 + rnd.nextInt(260)});
      if (rnd.nextInt(7) == 0) {
        // two files read in parallel: one response, two tool_use blocks (two lines + preamble)
        String other = unreadPath(agent);
        if (other.equals(path)) {
          other = newPath();
        }
        Block a = readBlock(path);
        Block b = readBlock(other);
        List<Block> blocks = preamble();
        blocks.add(a);
        blocks.add(b);
        Call c = respond(agent, blocks);
        readResult(agent, a, path);
        readResult(agent, b, other);
        return c;
      }
      Block b = readBlock(path);
      List<Block> blocks = preamble();
      blocks.add(b);
      Call c = respond(agent, blocks);
      readResult(agent, b, path);
      return c;
    }

    Call grep(String agent) {
      String pattern = Content.camel(rnd);
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("pattern", pattern);
      in.put("output_mode", "content");
      Block b = Block.tool(toolId(), "Grep", ToolKind.SEARCH, in);
      List<Block> blocks = preamble();
      blocks.add(b);
      Call c = respond(agent, blocks);
      String out = content.grep(tc, rnd, pattern, 1 + rnd.nextInt(30));
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("numLines", out.split("\n").length);
      result(agent, b, out, false, null, extra, 80 + rnd.nextInt(400));
      return c;
    }

    /** Edits {@code path}: replaces a few lines; the file's version advances. */
    Call edit(String agent, String path) {
      files.computeIfAbsent(path, k -> new long[] {rnd.nextLong(), 0, 40 + rnd.nextInt(260)});
      String before = fileText(path);
      long[] f = files.get(path);
      f[1]++;
      texts.remove(path);
      numberedTexts.remove(path);
      String after = fileText(path);
      String oldString = slice(before, 2 + rnd.nextInt(8));
      String newString = slice(after, 2 + rnd.nextInt(10));
      return editWith(agent, path, oldString, newString);
    }

    Call editWith(String agent, String path, String oldString, String newString) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("file_path", s.cwd + "/" + path);
      in.put("old_string", oldString);
      in.put("new_string", newString);
      Block b = Block.tool(toolId(), "Edit", ToolKind.EDIT, in);
      List<Block> blocks = preamble();
      blocks.add(b);
      Call c = respond(agent, blocks);
      if (!changed.contains(path)) {
        changed.add(path);
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("oldString", oldString);
      extra.put("newString", newString);
      String text =
          "The file "
              + s.cwd
              + "/"
              + path
              + " has been updated. Here's the result of running `cat -n` on a snippet of the"
              + " edited file:\n"
              + Content.numbered(newString);
      result(agent, b, text, false, null, extra, 40 + rnd.nextInt(120));
      return c;
    }

    /** {@code lines} consecutive lines of {@code text} from a random place (no split: hot path). */
    String slice(String text, int lines) {
      int skip = rnd.nextInt(40);
      int from = 0;
      for (int i = 0; i < skip; i++) {
        int nl = text.indexOf('\n', from);
        if (nl < 0 || nl + 1 >= text.length()) {
          break;
        }
        from = nl + 1;
      }
      int to = from;
      for (int i = 0; i < lines && to < text.length(); i++) {
        int nl = text.indexOf('\n', to);
        to = nl < 0 ? text.length() : nl + 1;
      }
      return text.substring(from, to);
    }

    Content.TestRun testRun(int failed, long seedOffset) {
      return Content.testRun(
          tc,
          s.repo.name(),
          testSeed + seedOffset,
          failed,
          failed > 0 ? Math.max(1, passing - failed) : passing,
          0.4 + (testSeed + seedOffset & 0xff) / 20.0);
    }

    Call tests(String agent, int failed, long seedOffset) {
      Content.TestRun run = testRun(failed, seedOffset);
      return bash(agent, tc.testCommand, run.output(), run.exitCode(), 1500 + rnd.nextInt(40_000));
    }

    Call commit() {
      String hash = Ids.hex(rnd, 7);
      String msg = "Fix " + Content.word(rnd) + " " + Content.word(rnd) + " handling";
      int n = Math.max(1, changed.size());
      String out = Content.gitCommit(s.branch, hash, msg, n, 5 + rnd.nextInt(120), rnd.nextInt(40));
      return bash(
          MAIN, "git add -A && git commit -m \"" + msg + "\"", out, 0, 300 + rnd.nextInt(900));
    }

    Call pr() {
      int number = 100 + rnd.nextInt(900);
      String url = "https://github.com/" + Roster.ORG + "/" + s.repo.name() + "/pull/" + number;
      Call c =
          bash(
              MAIN,
              "gh pr create --fill --base main",
              "\nCreating pull request for "
                  + s.branch
                  + " into main in "
                  + Roster.ORG
                  + "/"
                  + s.repo.name()
                  + "\n\n"
                  + url
                  + "\n",
              0,
              2000 + rnd.nextInt(3000));
      s.events.add(new Script.PrLink(now, MAIN, number, url, Roster.ORG + "/" + s.repo.name()));
      return c;
    }

    Call answer(String agent, int words) {
      List<Block> b = new ArrayList<>();
      if (rnd.nextInt(3) == 0) {
        b.add(Block.thinking(Content.prose(rnd, 20 + rnd.nextInt(60))));
      }
      b.add(Block.text(Content.prose(rnd, words)));
      return respond(agent, b);
    }

    void endTurn(Instant turnStart) {
      s.events.add(new Script.TurnEnd(now, MAIN, now.toEpochMilli() - turnStart.toEpochMilli()));
      advance(100);
    }

    void progress(Call c) {
      lastProgress = c;
    }

    void waste(FindingKind kind, List<Call> calls, String note) {
      if (!calls.isEmpty()) {
        s.wastes.add(new Script.Waste(kind, List.copyOf(calls), note));
      }
    }

    // ---------------------------------------------------------------- building blocks

    String task() {
      String[] verbs = {"Fix", "Add", "Refactor", "Investigate", "Speed up", "Handle"};
      return verbs[rnd.nextInt(verbs.length)]
          + " the "
          + Content.word(rnd)
          + " "
          + Content.word(rnd)
          + " in "
          + s.repo.name()
          + ": "
          + Content.prose(rnd, 15 + rnd.nextInt(60));
    }

    void explore(int steps) {
      for (int i = 0; i < steps; i++) {
        if (rnd.nextInt(3) == 0) {
          grep(MAIN);
        } else {
          read(MAIN, unreadPath(MAIN));
        }
      }
    }

    /** Edit, tests fail, a different edit, tests pass. */
    String fixCycle() {
      String path = somePath();
      progress(edit(MAIN, path));
      if (rnd.nextInt(4) > 0) {
        tests(MAIN, 1 + rnd.nextInt(3), 1);
        if (rnd.nextBoolean()) {
          read(MAIN, unreadPath(MAIN));
        }
        progress(edit(MAIN, path));
      }
      progress(tests(MAIN, 0, 2));
      return path;
    }

    void finishSuccess(Instant turnStart, boolean allowPr) {
      progress(commit());
      if (allowPr && rnd.nextInt(3) == 0) {
        progress(pr());
      }
      answer(MAIN, 20 + rnd.nextInt(80));
      endTurn(turnStart);
    }

    /** Steps that look busy but change nothing that matters (the tail of a failed session). */
    void flail(int steps, int failing) {
      for (int i = 0; i < steps; i++) {
        switch (rnd.nextInt(4)) {
          case 0:
            tests(MAIN, failing, 10 + i);
            break;
          case 1:
            read(MAIN, unreadPath(MAIN));
            break;
          case 2:
            grep(MAIN);
            break;
          default:
            // an edit that applied is progress, even in a session that fails: the trace cannot
            // tell it from the edit before the first failing run (ground truth = README rule)
            progress(edit(MAIN, somePath()));
        }
      }
    }

    /** A follow-up turn from the user: a little more work on the same change. */
    void followUp() {
      think();
      Instant t = now;
      prompt(Content.prose(rnd, 8 + rnd.nextInt(30)));
      explore(1 + rnd.nextInt(2));
      progress(edit(MAIN, somePath()));
      progress(tests(MAIN, 0, 3));
      answer(MAIN, 10 + rnd.nextInt(40));
      endTurn(t);
    }

    // ---------------------------------------------------------------- scenarios

    void run() {
      Instant turn = now;
      if (resumes == null) {
        prompt(task());
      }
      switch (s.scenario) {
        case CLEAN_SUCCESS:
          explore(1 + rnd.nextInt(4));
          fixCycle();
          finishSuccess(turn, true);
          maybeFollowUps();
          break;
        case RETRY_LOOP:
          retryLoop(turn);
          break;
        case REDUNDANT_CONTEXT:
          redundant(turn);
          break;
        case LONG_GROWTH:
          longGrowth(turn);
          break;
        case CACHE_MISS:
          cacheMiss(turn);
          break;
        case OVERSIZED_OUTPUT:
          oversized(turn);
          break;
        case API_ERRORS:
          apiErrors(turn);
          break;
        case MODEL_OVERKILL:
          overkill(turn);
          break;
        case FAILED_TESTS:
          explore(1 + rnd.nextInt(3));
          progress(edit(MAIN, somePath()));
          tests(MAIN, 2, 1);
          failTail(turn, false);
          break;
        case ABANDONED:
          explore(1 + rnd.nextInt(3));
          progress(edit(MAIN, somePath()));
          tests(MAIN, 1 + rnd.nextInt(3), 1);
          failTail(turn, true);
          break;
        case SUB_AGENTS:
          subAgents(turn);
          break;
        case COMPACTION:
          compaction(turn);
          break;
        case RESUMED:
          think();
          Instant t = now;
          prompt("Continue: " + task());
          explore(1 + rnd.nextInt(2));
          fixCycle();
          finishSuccess(t, true);
          break;
        case MIXED:
          mixed(turn);
          break;
        case CLEAN_FAILURE:
          explore(1 + rnd.nextInt(4));
          fixCycle();
          finishSuccess(turn, true);
          s.outcome = OutcomeLabel.FAILURE; // rejected in review: nothing in the trace says so
          break;
        case QUIET_SUCCESS:
          explore(1 + rnd.nextInt(3));
          progress(edit(MAIN, somePath()));
          answer(MAIN, 30 + rnd.nextInt(60));
          endTurn(turn);
          break;
        default:
          throw new AssertionError(s.scenario);
      }
    }

    void maybeFollowUps() {
      int n = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(2) : 0;
      for (int i = 0; i < n; i++) {
        followUp();
      }
    }

    void retryLoop(Instant turn) {
      explore(1 + rnd.nextInt(3));
      String path = somePath();
      progress(edit(MAIN, path));
      List<Call> loop = new ArrayList<>();
      int reps = 3 + rnd.nextInt(4);
      if (rnd.nextInt(10) < 7) {
        // the same failing command, same output, nothing changed in between
        Content.TestRun run = testRun(1 + rnd.nextInt(2), 5);
        for (int i = 0; i < reps; i++) {
          loop.add(
              bash(MAIN, tc.testCommand, run.output(), run.exitCode(), 2000 + rnd.nextInt(9000)));
        }
        waste(
            FindingKind.RETRY_LOOP,
            loop,
            "ran `" + tc.testCommand + "` " + reps + " times with the same failure");
      } else {
        // an edit undone and redone: A->B, test, B->A, test, ...
        String a = slice(fileText(path), 3);
        String b = a.replace("0", "1") + "    # adjusted\n";
        Content.TestRun run = testRun(1, 6);
        for (int i = 0; i < reps; i++) {
          loop.add(editWith(MAIN, path, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a));
          loop.add(
              bash(MAIN, tc.testCommand, run.output(), run.exitCode(), 2000 + rnd.nextInt(9000)));
        }
        waste(
            FindingKind.RETRY_LOOP, loop, "edited " + path + " back and forth " + reps + " times");
      }
      if (rnd.nextInt(4) > 0) {
        read(MAIN, unreadPath(MAIN));
        progress(edit(MAIN, path));
        progress(tests(MAIN, 0, 7));
        finishSuccess(turn, true);
      } else {
        failTail(turn, rnd.nextBoolean());
      }
    }

    void redundant(Instant turn) {
      explore(1 + rnd.nextInt(2));
      String path = somePath();
      read(MAIN, path);
      List<Call> again = new ArrayList<>();
      int reps = 2 + rnd.nextInt(3);
      for (int i = 0; i < reps; i++) {
        if (rnd.nextBoolean()) {
          grep(MAIN);
        }
        again.add(read(MAIN, path));
      }
      waste(
          FindingKind.REDUNDANT_CONTEXT,
          again,
          "read " + path + " " + (reps + 1) + " times without a change");
      fixCycle();
      finishSuccess(turn, true);
    }

    void longGrowth(Instant turn) {
      int target = 120 + rnd.nextInt(230);
      List<Call> all = new ArrayList<>();
      int before = calls.size();
      Instant t = turn;
      List<Call> lookups = new ArrayList<>(); // the open run of trivial steps
      while (calls.size() - before < target && ctx(MAIN).context() < 150_000) {
        @Nullable Call trivial = null;
        switch (rnd.nextInt(6)) {
          case 0:
            tests(MAIN, rnd.nextInt(3) == 0 ? 1 : 0, rnd.nextInt(50));
            break;
          case 1:
            trivial = grep(MAIN);
            break;
          case 2:
          case 3:
            edit(MAIN, somePath());
            break;
          case 4:
            if (rnd.nextInt(8) == 0) {
              answer(MAIN, 20);
              endTurn(t);
              advance(10_000 + rnd.nextInt(100_000));
              t = now;
              prompt(Content.prose(rnd, 8 + rnd.nextInt(20)));
            } else {
              trivial = bash(MAIN, "git status --short", Content.gitStatus(changed), 0, 100);
            }
            break;
          default:
            trivial =
                bash(
                    MAIN,
                    "ls " + somePath().replaceAll("/[^/]*$", ""),
                    Content.word(rnd) + ".txt\n",
                    0,
                    50);
        }
        if (trivial != null && !smallResult()) {
          trivial = null; // a long status or many hits is something to read, not a glance
        }
        if (trivial != null) {
          lookups.add(trivial);
        } else {
          plantOverkill(lookups);
        }
        if (calls.size() % 25 == 0) {
          progress(calls.get(calls.size() - 1));
        }
      }
      plantOverkill(lookups);
      progress(tests(MAIN, 0, 99));
      finishSuccess(t, false);
      for (Call c : calls) {
        if (c.agent().equals(MAIN)) {
          all.add(c);
        }
      }
      waste(FindingKind.CONTEXT_GROWTH, all, all.size() + " requests without compaction");
    }

    void cacheMiss(Instant turn) {
      explore(1 + rnd.nextInt(3));
      fixCycle();
      int pauses = 1 + rnd.nextInt(3);
      for (int i = 0; i < pauses; i++) {
        answer(MAIN, 15 + rnd.nextInt(30));
        endTurn(turn);
        // the user comes back after the cache expired
        advance(ctx(MAIN).ttl().toMillis() + 60_000 + rnd.nextInt(40 * 60_000));
        turn = now;
        prompt(Content.prose(rnd, 8 + rnd.nextInt(30)));
        if (i == 0 && rnd.nextInt(10) < 4) {
          String next =
              codex ? (model.equals(GPT) ? GPT_MINI : GPT) : (model.equals(OPUS) ? SONNET : OPUS);
          s.events.add(new Script.ModelSwitch(now, MAIN, next));
          model = next;
          agentModels.put(MAIN, next);
        }
        explore(1 + rnd.nextInt(2));
        progress(edit(MAIN, somePath()));
        progress(tests(MAIN, 0, 20 + i));
      }
      finishSuccess(turn, true);
    }

    void oversized(Instant turn) {
      explore(1 + rnd.nextInt(2));
      String[] cmds = {
        "cat logs/app.log",
        "kubectl logs deploy/" + s.repo.name() + " --since=24h",
        "docker compose logs",
        "cat build/output.log"
      };
      int chars = 60_000 + rnd.nextInt(200_000);
      Call big =
          bash(
              MAIN,
              cmds[rnd.nextInt(cmds.length)],
              Content.log(rnd, now.toEpochMilli() - 86_400_000L, chars),
              0,
              800);
      int mark = calls.size() - 1;
      fixCycle();
      if (rnd.nextBoolean()) {
        explore(2 + rnd.nextInt(6));
        progress(edit(MAIN, somePath()));
        progress(tests(MAIN, 0, 30));
      }
      finishSuccess(turn, true);
      List<Call> carried = new ArrayList<>();
      for (int i = mark; i < calls.size(); i++) {
        if (calls.get(i).agent().equals(MAIN)) {
          carried.add(calls.get(i));
        }
      }
      waste(
          FindingKind.OVERSIZED_TOOL_OUTPUT,
          carried,
          "a "
              + (chars / 4)
              + "-token tool output carried on "
              + (carried.size() - 1)
              + " later requests");
      if (carried.isEmpty() || carried.get(0) != big) {
        throw new AssertionError("oversized output must start at its call");
      }
    }

    void apiErrors(Instant turn) {
      explore(1 + rnd.nextInt(3));
      String path = somePath();
      progress(edit(MAIN, path));
      tests(MAIN, 1, 1);
      int bursts = 1 + rnd.nextInt(2);
      for (int i = 0; i < bursts; i++) {
        // one episode per burst, as a detector reports them
        List<Call> hit = new ArrayList<>();
        boolean exhausted = rnd.nextInt(3) == 0;
        int attempts = exhausted ? 10 : 2 + rnd.nextInt(6);
        List<Long> delays = new ArrayList<>();
        long total = 0;
        for (int a = 0; a < attempts; a++) {
          long d = Math.min(32_000L, (long) (500 * Math.pow(2, a))) + rnd.nextInt(300);
          delays.add(d);
          total += d;
        }
        s.events.add(
            new Script.ApiErrors(
                now, MAIN, attempts, exhausted, rnd.nextBoolean() ? 529 : 500, delays));
        advance(total);
        if (exhausted) {
          advance(20_000 + rnd.nextInt(60_000));
          prompt("continue");
          // the agent redoes the last action it cannot see the outcome of
          hit.add(tests(MAIN, 1, 1));
        }
        Call after = read(MAIN, unreadPath(MAIN));
        hit.add(after);
        waste(FindingKind.API_ERROR_RETRY, hit, "requests after API error retries");
        if (i == 0) {
          progress(edit(MAIN, path));
        }
      }
      progress(tests(MAIN, 0, 2));
      finishSuccess(turn, true);
    }

    void overkill(Instant turn) {
      explore(1);
      List<Call> trivial = new ArrayList<>();
      int n = 5 + rnd.nextInt(8);
      String[][] cmds = {
        {"pwd", s.cwd + "\n"},
        {"git status --short", " M README.md\n"},
        {"ls", "README.md\nsrc\ntests\n"},
        {"git branch --show-current", s.branch + "\n"},
        {"wc -l README.md", "42 README.md\n"},
        {"cat .nvmrc", "20\n"},
        {
          "git log --oneline -3",
          Ids.hex(rnd, 7) + " Update deps\n" + Ids.hex(rnd, 7) + " Fix typo\n"
        }
      };
      for (int i = 0; i < n; i++) {
        String[] c = cmds[rnd.nextInt(cmds.length)];
        Block b = bashBlock(c[0], describe(c[0]));
        trivial.add(respond(MAIN, List.of(b)));
        bashResult(MAIN, b, c[1], 0, 30 + rnd.nextInt(100));
      }
      waste(FindingKind.MODEL_OVERKILL, trivial, n + " trivial shell steps on " + model);
      fixCycle();
      finishSuccess(turn, true);
    }

    /**
     * Plants {@link FindingKind#MODEL_OVERKILL} for a run of trivial steps that fell out of a long
     * session by chance, when it is long enough to be a survey ({@link #OVERKILL_MIN_RUN}) and the
     * model is premium; clears the run.
     */
    void plantOverkill(List<Call> run) {
      if (run.size() >= OVERKILL_MIN_RUN && (model.equals(OPUS) || model.equals(GPT))) {
        waste(FindingKind.MODEL_OVERKILL, run, run.size() + " trivial steps in a row on " + model);
      }
      run.clear();
    }

    /** Whether the last tool result written is a few lines ({@link #TRIVIAL_RESULT_TOKENS}). */
    boolean smallResult() {
      Event e = s.events.get(s.events.size() - 1);
      return e instanceof Script.Result
          && Texts.estimateTokens(((Script.Result) e).content().length()) <= TRIVIAL_RESULT_TOKENS;
    }

    void failTail(Instant turn, boolean interrupt) {
      s.outcome = OutcomeLabel.FAILURE;
      int failing = 1 + rnd.nextInt(4);
      flail(3 + rnd.nextInt(8), failing);
      if (interrupt) {
        String path = somePath();
        Block b = readBlock(path);
        respond(MAIN, List.of(b));
        advance(2000 + rnd.nextInt(8000));
        s.events.add(new Script.Interrupt(now, MAIN, true));
      } else {
        tests(MAIN, failing, 40);
        answer(MAIN, 30 + rnd.nextInt(40));
        endTurn(turn);
      }
      List<Call> tail = new ArrayList<>();
      boolean after = lastProgress == null;
      for (Call c : calls) {
        if (after) {
          tail.add(c);
        }
        if (c == lastProgress) {
          after = true;
        }
      }
      waste(FindingKind.ABANDONED_TAIL, tail, tail.size() + " requests after the last progress");
    }

    void subAgents(Instant turn) {
      int rounds = 1 + rnd.nextInt(2);
      for (int r = 0; r < rounds; r++) {
        boolean parallel = rnd.nextInt(10) < 4;
        int n = parallel ? 2 : 1;
        List<Block> blocks = preamble();
        List<Script.SubAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String id = "a" + Ids.hex(rnd, 6);
          String type = rnd.nextInt(3) == 0 ? "general-purpose" : "Explore";
          String desc = "Explore " + Content.word(rnd) + " " + Content.word(rnd) + " code";
          String prompt =
              "Find how the "
                  + Content.word(rnd)
                  + " "
                  + Content.word(rnd)
                  + " works. "
                  + Content.prose(rnd, 20 + rnd.nextInt(40));
          Map<String, Object> in = new LinkedHashMap<>();
          in.put("description", desc);
          in.put("prompt", prompt);
          in.put("subagent_type", type);
          Block b = Block.tool(toolId(), "Task", ToolKind.TASK, in);
          blocks.add(b);
          Script.SubAgent a = new Script.SubAgent(id, type, desc, prompt, b.id(), false);
          agents.add(a);
          s.subAgents.put(id, a);
        }
        respond(MAIN, blocks);
        Instant t0 = now;
        Instant end = now;
        List<Instant> ends = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        for (Script.SubAgent a : agents) {
          now = t0.plusMillis(rnd.nextInt(400));
          reports.add(runSubAgent(a));
          ends.add(now);
          if (now.isAfter(end)) {
            end = now;
          }
        }
        for (int i = 0; i < agents.size(); i++) {
          now = ends.get(i).plusMillis(5);
          Block tb = null;
          for (Block b : blocks) {
            if (b.id().equals(agents.get(i).toolUseId())) {
              tb = b;
            }
          }
          Map<String, Object> extra = new LinkedHashMap<>();
          extra.put("agentId", agents.get(i).id());
          extra.put("totalDurationMs", ends.get(i).toEpochMilli() - t0.toEpochMilli());
          extra.put("totalTokens", ctx(agents.get(i).id()).context());
          extra.put("totalToolUseCount", 3 + rnd.nextInt(10));
          s.events.add(new Script.Result(now, MAIN, tb, reports.get(i), false, null, extra));
          ctx(MAIN).add(tokens(reports.get(i)) + 8);
        }
        now = end.plusMillis(300);
        explore(rnd.nextInt(2));
      }
      fixCycle();
      finishSuccess(turn, true);
    }

    String runSubAgent(Script.SubAgent a) {
      agentModels.put(a.id(), a.type().equals("Explore") ? HAIKU : SONNET);
      boolean oneHour = false;
      ContextModel c = new ContextModel(false, oneHour, 9_000 + rnd.nextInt(6_000));
      if (rnd.nextBoolean()) {
        c.warm(now.minusSeconds(20), agentModels.get(a.id()));
      }
      contexts.put(a.id(), c);
      s.events.add(new Script.Prompt(now, a.id(), a.prompt(), false));
      c.add(tokens(a.prompt()) + 6);
      advance(100);
      int steps = 3 + rnd.nextInt(8);
      for (int i = 0; i < steps; i++) {
        if (rnd.nextInt(3) == 0) {
          grep(a.id());
        } else {
          read(a.id(), unreadPath(a.id()));
        }
      }
      String report = "## Findings\n\n" + Content.prose(rnd, 120 + rnd.nextInt(400));
      respond(a.id(), List.of(Block.text(report)));
      return report;
    }

    void compaction(Instant turn) {
      Instant t = turn;
      explore(2);
      while (ctx(MAIN).context() < 150_000 + rnd.nextInt(15_000)) {
        switch (rnd.nextInt(4)) {
          case 0:
            tests(MAIN, rnd.nextInt(4) == 0 ? 1 : 0, rnd.nextInt(40));
            break;
          case 1:
            edit(MAIN, somePath());
            break;
          default:
            read(MAIN, unreadPath(MAIN));
        }
      }
      progress(calls.get(calls.size() - 1));
      long pre = ctx(MAIN).context();
      String summary =
          "This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\n"
              + Content.prose(rnd, 600 + rnd.nextInt(900));
      String agent = codex ? MAIN : "acompact-" + Ids.hex(rnd, 6);
      advance(1000);
      if (!codex) {
        s.subAgents.put(agent, new Script.SubAgent(agent, "compact", "compaction", "", "", true));
        agentModels.put(agent, model);
      }
      long out = tokens(summary) + 200;
      advance(20_000 + out * 10);
      long ms = now.toEpochMilli();
      while (!callMillis.add(ms)) {
        ms++;
      }
      now = Instant.ofEpochMilli(ms);
      Usage u = ctx(MAIN).peek(now, model, 900, out, rnd);
      Call c =
          new Call(
              now,
              agent,
              model,
              Ids.base62(rnd, "msg_01", 22),
              Ids.base62(rnd, "req_011C", 20),
              List.of(Block.text("<analysis>\n" + summary + "\n</analysis>")),
              u);
      s.events.add(c);
      calls.add(c);
      advance(500);
      s.events.add(new Script.Compact(now, MAIN, pre, summary, agent));
      ctx(MAIN).compact(tokens(summary) + 40);
      readVersions.keySet().removeIf(k -> k.startsWith(MAIN + '\u0000'));
      advance(300);
      fixCycle();
      finishSuccess(t, true);
    }

    void mixed(Instant turn) {
      explore(1 + rnd.nextInt(2));
      String path = somePath();
      read(MAIN, path);
      List<Call> again = new ArrayList<>();
      again.add(read(MAIN, path));
      if (rnd.nextBoolean()) {
        again.add(read(MAIN, path));
      }
      waste(FindingKind.REDUNDANT_CONTEXT, again, "read " + path + " again without a change");
      progress(edit(MAIN, path));
      Content.TestRun run = testRun(1, 5);
      List<Call> loop = new ArrayList<>();
      int reps = 3 + rnd.nextInt(3);
      for (int i = 0; i < reps; i++) {
        loop.add(
            bash(MAIN, tc.testCommand, run.output(), run.exitCode(), 2000 + rnd.nextInt(9000)));
      }
      waste(
          FindingKind.RETRY_LOOP,
          loop,
          "ran `" + tc.testCommand + "` " + reps + " times with the same failure");
      answer(MAIN, 20);
      endTurn(turn);
      if (rnd.nextBoolean()) {
        advance(ctx(MAIN).ttl().toMillis() + 30_000 + rnd.nextInt(20 * 60_000));
      } else {
        think();
      }
      turn = now;
      prompt(Content.prose(rnd, 10 + rnd.nextInt(20)));
      if (rnd.nextInt(10) < 6) {
        progress(edit(MAIN, path));
        progress(tests(MAIN, 0, 9));
        finishSuccess(turn, true);
      } else {
        failTail(turn, rnd.nextBoolean());
      }
    }

    // ---------------------------------------------------------------- result

    Script finish() {
      waste(
          FindingKind.CACHE_MISS,
          misses,
          "prefix re-written after the cache expired or the model changed");
      s.events.sort(Comparator.comparing(Event::at)); // stable: same-millisecond order is kept
      // one ground-truth entry per miss keeps indexes exact; merge into one list per kind
      List<Script.Waste> merged = new ArrayList<>();
      for (Script.Waste w : s.wastes) {
        if (w.kind() == FindingKind.CACHE_MISS) {
          for (Call c : w.calls()) {
            merged.add(new Script.Waste(FindingKind.CACHE_MISS, List.of(c), w.note()));
          }
        } else {
          merged.add(w);
        }
      }
      s.wastes.clear();
      s.wastes.addAll(merged);
      return s;
    }
  }
}
