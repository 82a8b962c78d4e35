package dev.tokensieve.scoring.outcome;

import dev.tokensieve.core.detect.CallIndex;
import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the outcome evidence of an interactive session's conversation: the agent telling the user
 * it is done, and what the user says next ("works, thanks", "still broken", a new task).
 *
 * <p>Only the main agent's turns count (a sub-agent's "done" is its parent's business). A user
 * message is judged against the turn before it: a complaint counts only if that turn changed a file
 * (so "X still does not work" opening a new topic is not read as a verdict on this session's work),
 * and a confirmation or a new task only if that turn ended with the agent saying it was done or
 * changed a file.
 */
final class Conversation {
  /*
   * Implementation notes.
   *
   * A turn ends at the request a user message follows (UserMessage.request()), or at the session's
   * last request. The agent's words are that request's text (Request.text, an excerpt the parsers
   * keep of the response's text). Harness text that Claude Code records as a user message (local
   * command output, slash command expansions, skill bodies, "continue" nudges) is not the user's
   * verdict and is skipped; a slash command's arguments are read as the user's words.
   */

  private static final Pattern DONE =
      Pattern.compile(
          "(?i)(?:(?:^|[.!?\\n])[\\s*#>]*(?:(?:all )?done|fixed|created|added|updated|implemented"
              + "|removed|renamed|wrote|committed|pushed|completed|finished)\\b"
              + "|(?:^|\\n)#+ [^\\n]*\\b(?:created|completed?|done|fixed|implemented)\\b"
              + "|(?:^|[\\s*#>(])(?:"
              + "task (?:is )?complete"
              + "|(?:i(?:'ve| have)|i've now|now) (?:successfully )?(?:created|added|updated|fixed"
              + "|implemented|completed|finished|made|written|wrote|removed|changed|renamed|moved"
              + "|refactored|resolved|applied|committed|pushed|opened|replaced|deleted)\\b"
              + "|(?:is|are|has been|have been) (?:now )?(?:fixed|done|complete|resolved|in place)\\b"
              + "|fixed[:!.]"
              + "|successfully (?:created|updated|added|wrote|implemented|fixed)"
              + "|(?:draft )?(?:pr|pull request) (?:created|opened)"
              + "|all (?:\\d+ )?(?:tests|checks) (?:now )?pass"
              + "|(?:the )?(?:fix|change|implementation|feature) is (?:complete|ready|in place)"
              + "))");

  private static final Pattern BROKEN =
      Pattern.compile(
          "(?i)\\b(?:still (?:broken|fail\\w*|not working|doesn'?t work|does not work|crash\\w*"
              + "|the same|seeing|getting|happening|an? (?:error|issue|problem|bug))"
              + "|(?:doesn'?t|does not|didn'?t|did not|isn'?t|is not|not) (?:seem to )?work(?:ing)?\\b"
              + "|same (?:error|issue|problem|failure)"
              + "|not (?:fixed|resolved)"
              + "|(?:it|that|this|you) (?:broke|made it worse)"
              + "|still (?:no|nothing)\\b)");

  private static final Pattern CONFIRMED =
      Pattern.compile(
          "(?i)^\\W*(?:(?:great|perfect|awesome|nice|excellent|amazing|cool|brilliant|lgtm"
              + "|looks good|works|it works|that works|that worked|working now|thanks|thank you|ty"
              + "|yes,? (?:it|that) works|solved|that did it|that fixed it|confirmed)\\b"
              + "|(?:ok|okay|yes|yep),? (?:great|perfect|thanks|thank you|works|it works|that works"
              + "|looks good)\\b)"
              + "|\\b(?:works|working) (?:now|great|perfectly|fine)\\b"
              + "|\\bthat (?:worked|fixed it|did it|did the trick)\\b"
              + "|\\bnow it(?:'s| is) working\\b|\\bit works\\b");

  private static final Pattern QUESTION =
      Pattern.compile(
          "(?i)(?:can|could|would|will|does|do|is|are|should|did|why|how|what|check|please|if)\\b");

  private static final Pattern COMMAND_ARGS =
      Pattern.compile("(?s)<command-args>(.*?)</command-args>");

  /* Harness text recorded as the user's: not the user's words. */
  private static final String[] HARNESS_PREFIXES = {
    "<local-command",
    "<bash-",
    "<system-reminder",
    "<task-notification",
    "<user-prompt-submit-hook",
    "Caveat:",
    "Base directory for this skill",
    "Invoke the ",
    "[Request interrupted",
    "System: Please continue",
    "This session is being continued",
    "Launching skill"
  };

  private static final int EVIDENCE_LIMIT = 200;

  private Conversation() {}

  /** Adds the conversation's signals of {@code session} to {@code out}. */
  static void read(
      Session session, CallIndex index, OutcomeSignals.Edits edits, List<OutcomeSignal> out) {
    List<Request> requests = session.requests();
    boolean changedThisTurn = false;
    int lastTurnEnd = -2; // the request of the last turn end judged, so each turn is judged once
    boolean doneThisTurn = false;
    for (int i = 0; i < index.size(); i++) {
      Step step = index.step(i);
      if (!Request.MAIN_AGENT.equals(step.agentId())) {
        continue;
      }
      if (step instanceof Step.Edit || edits.at(i)) {
        changedThisTurn = true;
      } else if (step instanceof Step.UserMessage) {
        String said = userWords(((Step.UserMessage) step).excerpt());
        if (said == null) {
          continue;
        }
        int end = step.request();
        if (end != lastTurnEnd && end >= 0 && end < requests.size()) {
          doneThisTurn = agentDone(requests.get(end), end, out);
          lastTurnEnd = end;
        }
        judge(said, end, changedThisTurn, doneThisTurn, out);
        changedThisTurn = false;
        doneThisTurn = false;
      }
    }
    int last = lastMainRequest(requests);
    if (last >= 0 && last != lastTurnEnd) {
      agentDone(requests.get(last), last, out);
    }
  }

  private static void judge(
      String said, int request, boolean changed, boolean done, List<OutcomeSignal> out) {
    // a verdict on the last turn comes first: "works, thanks. Now ..." or "still broken: ...";
    // later sentences are the next task, which may well quote an error or say "it works now"
    String first = firstSentence(said);
    boolean question = first.endsWith("?") || QUESTION.matcher(first).lookingAt();
    if (BROKEN.matcher(first).find()) {
      if (changed) {
        out.add(new OutcomeSignal(SignalKind.USER_REPORTED_BROKEN, request, clip(said)));
      }
    } else if (changed || done) {
      if (!question && CONFIRMED.matcher(first).find()) {
        out.add(new OutcomeSignal(SignalKind.USER_CONFIRMED, request, clip(said)));
      } else if (done) {
        out.add(new OutcomeSignal(SignalKind.USER_NEW_TASK, request, clip(said)));
      }
    }
  }

  /** Adds AGENT_DONE if the response at {@code index} tells the user it is done. */
  private static boolean agentDone(Request r, int index, List<OutcomeSignal> out) {
    String text = r.text();
    if (text == null || r.isSubAgent()) {
      return false;
    }
    Matcher m = DONE.matcher(text);
    if (!m.find()) {
      return false;
    }
    out.add(new OutcomeSignal(SignalKind.AGENT_DONE, index, clip(sentenceAt(text, m.start()))));
    return true;
  }

  private static int lastMainRequest(List<Request> requests) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (!requests.get(i).isSubAgent()) {
        return i;
      }
    }
    return -1;
  }

  /** The user's own words in a user message, or null for harness text. */
  static @Nullable String userWords(String text) {
    String t = text.strip();
    if (t.startsWith("<command-")) {
      Matcher m = COMMAND_ARGS.matcher(t);
      String args = m.find() ? m.group(1).strip() : "";
      return args.isEmpty() ? null : args;
    }
    for (String prefix : HARNESS_PREFIXES) {
      if (t.startsWith(prefix)) {
        return null;
      }
    }
    return t.isEmpty() ? null : t;
  }

  /** The sentence (or line) of {@code text} that holds index {@code at}. */
  private static String sentenceAt(String text, int at) {
    int start = at;
    while (start > 0 && !endsSentence(text, start - 1)) {
      start--;
    }
    int end = at + 1;
    while (end < text.length() && !endsSentence(text, end - 1)) {
      end++;
    }
    return text.substring(start, Math.min(end, text.length()));
  }

  /** The first sentence or line of {@code text}, with its end mark. */
  private static String firstSentence(String text) {
    int end = 1;
    while (end < text.length() && !endsSentence(text, end - 1)) {
      end++;
    }
    return text.substring(0, Math.min(end, text.length())).strip();
  }

  /** Whether the character at {@code i} ends a sentence: a line break, or .!? before a space. */
  private static boolean endsSentence(String text, int i) {
    char c = text.charAt(i);
    return c == '\n'
        || (".!?".indexOf(c) >= 0
            && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
  }

  private static String clip(String s) {
    String line = s.strip().replace('\n', ' ');
    return line.length() <= EVIDENCE_LIMIT ? line : line.substring(0, EVIDENCE_LIMIT - 3) + "...";
  }
}
