package dev.tokensieve.core.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs credentials out of text taken from a trace (commands, evidence, excerpts, summaries)
 * before it is stored or shown: traces hold whatever an agent ran or read, keys included.
 *
 * <p>Each match is replaced by {@code [REDACTED:kind]}; for {@code KEY=value} pairs, URL passwords
 * and {@code Authorization} headers the name is kept and only the secret goes.
 */
public final class Secrets {
  private Secrets() {}

  private record Rule(String kind, Pattern pattern, int keepGroup) {}

  /* Implementation notes: the patterns follow the token formats the vendors document (AWS key
   * ids, GitHub ghp_/gho_/ghu_/ghs_/ghr_ and github_pat_, GitLab glpat-, Anthropic sk-ant-, OpenAI
   * sk-/sk-proj-, Slack xox?-, JWTs, PEM private keys). The KEY=value rule needs a secret-sounding
   * name and a value of 4+ characters that is not only digits, so that max_tokens=4096 stays. The
   * rules run in order; a later rule never sees what an earlier one redacted. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "private-key",
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----"
                      + "|\\z)"),
              0),
          new Rule("anthropic-key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_\\-]{16,}"), 0),
          new Rule(
              "openai-key", Pattern.compile("\\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_\\-]{20,}"), 0),
          new Rule(
              "github-token",
              Pattern.compile(
                  "\\b(?:gh[pousr]_[A-Za-z0-9]{30,255}" + "|github_pat_[A-Za-z0-9_]{22,255})"),
              0),
          new Rule(
              "gitlab-token", Pattern.compile("\\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\\-]{20,}"), 0),
          new Rule(
              "aws-key",
              Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"),
              0),
          new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}"), 0),
          new Rule(
              "jwt",
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"),
              0),
          new Rule(
              "bearer-token",
              Pattern.compile("(?i)(\\b(?:bearer|token|basic)\\s+)[A-Za-z0-9._~+/\\-]{12,}=*"),
              1),
          new Rule(
              "url-password",
              Pattern.compile("(\\b[a-z][a-z0-9+.\\-]*://[^\\s:/@\\[]+:)[^\\s@/]+(?=@)"),
              1),
          new Rule(
              "secret",
              Pattern.compile(
                  "(?i)(\\b[A-Z0-9_.\\-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PWD|API_?KEY|ACCESS_?KEY"
                      + "|PRIVATE_?KEY|CREDENTIALS?|AUTH)[A-Z0-9_]*[\"']?\\s*[=:]\\s*)"
                      + "(?![\"']?[0-9]+[\"']?(?:[\\s,;]|\\z))(?!\\[REDACTED)(?!(?:bearer|basic|token)\\s)"
                      + "(\"[^\"\\n]{4,}\"|'[^'\\n]{4,}'|[^\\s\"',;]{4,})"),
              1));

  /** {@code text} with every credential it holds replaced by {@code [REDACTED:kind]}. */
  public static String scrub(String text) {
    if (text.length() < 8) {
      return text;
    }
    String out = text;
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(out);
      if (!m.find()) {
        continue;
      }
      StringBuilder b = new StringBuilder(out.length());
      do {
        String keep = r.keepGroup() == 0 ? "" : m.group(r.keepGroup());
        m.appendReplacement(b, Matcher.quoteReplacement(keep + "[REDACTED:" + r.kind() + "]"));
      } while (m.find());
      m.appendTail(b);
      out = b.toString();
    }
    return out;
  }

  /** Every element of {@code texts} scrubbed. */
  public static List<String> scrub(List<String> texts) {
    boolean same = true;
    String[] out = new String[texts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = scrub(texts.get(i));
      same &= out[i].equals(texts.get(i));
    }
    return same ? texts : List.of(out);
  }
}
