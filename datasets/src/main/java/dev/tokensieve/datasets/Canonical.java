package dev.tokensieve.datasets;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.datasets.Script.Block;
import dev.tokensieve.datasets.Script.Call;
import dev.tokensieve.datasets.Script.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Derives the canonical session, the ground truth and the file layout from a script. */
final class Canonical {
  private Canonical() {}

  /** The directory Claude Code names a project by: the cwd with every non-alphanumeric as '-'. */
  static String encodeCwd(String cwd) {
    StringBuilder sb = new StringBuilder(cwd.length());
    for (int i = 0; i < cwd.length(); i++) {
      char c = cwd.charAt(i);
      sb.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
    }
    return sb.toString();
  }

  /** The session's files relative to the corpus directory, main file first. */
  static List<String> files(Script s) {
    List<String> out = new ArrayList<>();
    if (s.format == CorpusFormat.CODEX) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(s.start.getEpochSecond(), 0, ZoneOffset.UTC);
      out.add(
          String.format(
              Locale.ROOT,
              "codex/sessions/%04d/%02d/%02d/rollout-%04d-%02d-%02dT%02d-%02d-%02d-%s.jsonl",
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getHour(),
              t.getMinute(),
              t.getSecond(),
              s.sessionId));
      return out;
    }
    String dir = "claude-code/projects/" + encodeCwd(s.cwd) + "/";
    out.add(dir + s.sessionId + ".jsonl");
    for (Script.SubAgent a : s.subAgents.values()) {
      out.add(dir + s.sessionId + "/subagents/agent-" + a.id() + ".jsonl");
    }
    return out;
  }

  /** Request index of every call, in time order. */
  static Map<Call, Integer> indexes(Script s) {
    Map<Call, Integer> idx = new IdentityHashMap<>();
    for (Event e : s.events) {
      if (e instanceof Call) {
        idx.put((Call) e, idx.size());
      }
    }
    return idx;
  }

  static GroundTruth truth(Script s) {
    Map<Call, Integer> idx = indexes(s);
    Usage total = Usage.ZERO;
    int sub = 0;
    for (Call c : idx.keySet()) {
      total = total.plus(c.usage());
      if (!c.agent().equals(Request.MAIN_AGENT)) {
        sub++;
      }
    }
    List<GroundTruth.Waste> wastes = new ArrayList<>();
    for (Script.Waste w : s.wastes) {
      List<Integer> r = new ArrayList<>();
      for (Call c : w.calls()) {
        r.add(idx.get(c));
      }
      r.sort(null);
      wastes.add(new GroundTruth.Waste(w.kind(), r, w.note()));
    }
    wastes.sort(
        (a, b) ->
            a.requests().get(0).equals(b.requests().get(0))
                ? a.kind().compareTo(b.kind())
                : a.requests().get(0) - b.requests().get(0));
    Instant first = s.events.get(0).at();
    Instant last = s.events.get(s.events.size() - 1).at();
    return new GroundTruth(
        s.sessionId,
        s.format.id(),
        s.scenario.name(),
        s.outcome,
        s.member.user(),
        s.member.team().name(),
        s.repo.name(),
        s.cwd,
        s.branch,
        first,
        last,
        idx.size(),
        sub,
        total,
        wastes,
        files(s),
        s.resumes == null ? null : s.resumes.sessionId);
  }

  static ToolKind kind(Block b) {
    return b.kind();
  }

  static Session session(Script s) {
    Session.Builder b =
        Session.builder(new SessionId(s.sessionId), s.format.id())
            .project(s.cwd)
            .repo(Roster.ORG + "/" + s.repo.name())
            .branch(s.branch)
            .user(s.member.user())
            .team(s.member.team().name())
            .attribute("scenario", s.scenario.name())
            .attribute("version", s.version);
    for (String f : files(s)) {
      b.source(f);
    }
    Map<String, Integer> issuedBy = new HashMap<>();
    for (Event e : s.events) {
      int last = b.lastRequest();
      if (e instanceof Call) {
        Call c = (Call) e;
        int i =
            b.request(
                new Request(
                    c.messageId() + ":" + c.requestId(),
                    c.at(),
                    c.model(),
                    c.agent(),
                    c.usage(),
                    null));
        for (Block k : c.blocks()) {
          if (k.type() == Script.BlockType.TOOL_USE) {
            issuedBy.put(k.id(), i);
            String args = k.input().toString();
            b.step(
                new Step.ToolCall(
                    c.at(),
                    i,
                    c.agent(),
                    k.id(),
                    k.tool(),
                    k.kind(),
                    Texts.excerpt(k.target()),
                    Texts.digest(args)));
            if (k.kind() == ToolKind.EDIT) {
              b.step(
                  new Step.Edit(
                      c.at(),
                      i,
                      c.agent(),
                      k.id(),
                      k.target(),
                      Texts.digest(String.valueOf(k.input().get("old_string"))),
                      Texts.digest(String.valueOf(k.input().get("new_string")))));
            }
          }
        }
      } else if (e instanceof Script.Result) {
        Script.Result r = (Script.Result) e;
        int i = issuedBy.getOrDefault(r.call().id(), last);
        b.step(
            new Step.ToolResult(
                r.at(),
                i,
                r.agent(),
                r.call().id(),
                r.isError(),
                r.exitCode(),
                Texts.estimateTokens(r.content().length()),
                Texts.digest(r.content()),
                Texts.excerpt(r.content())));
      } else if (e instanceof Script.Prompt) {
        Script.Prompt p = (Script.Prompt) e;
        b.step(
            new Step.UserMessage(
                p.at(),
                last,
                p.agent(),
                Texts.estimateTokens(p.text().length()),
                Texts.excerpt(p.text())));
      } else if (e instanceof Script.Interrupt) {
        b.step(new Step.Interrupt(e.at(), last, e.agent()));
      } else if (e instanceof Script.Compact) {
        b.step(new Step.Compaction(e.at(), last, e.agent(), ((Script.Compact) e).preTokens()));
      } else if (e instanceof Script.ApiErrors) {
        Script.ApiErrors a = (Script.ApiErrors) e;
        b.step(
            new Step.ApiError(
                a.at(),
                last,
                a.agent(),
                "API Error: "
                    + a.status()
                    + " ("
                    + a.attempts()
                    + " attempts"
                    + (a.exhausted() ? ", gave up)" : ")")));
      }
    }
    return b.build();
  }
}
