package dev.tokensieve.parsers.common;

import java.util.regex.Pattern;

/** Content tests for sniffing a file's head, strict enough not to claim other formats' files. */
public final class Heads {
  private Heads() {}

  /** The first character that is not whitespace (or a byte-order mark); {@code 0} if none. */
  public static char firstChar(String head) {
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c;
      }
    }
    return 0;
  }

  /** The first non-blank line (possibly cut short by the head's end). */
  public static String firstLine(String head) {
    int from = 0;
    while (from < head.length()) {
      int nl = head.indexOf('\n', from);
      String line = nl < 0 ? head.substring(from) : head.substring(from, nl);
      if (!line.isBlank()) {
        return line;
      }
      if (nl < 0) {
        break;
      }
      from = nl + 1;
    }
    return "";
  }

  /**
   * Whether {@code text} has {@code "key":} as a JSON key, not inside an escaped string (a key
   * quoted in a tool output of another format's trace reads {@code \"key\":}).
   */
  public static boolean hasKey(String text, String key) {
    return Pattern.compile("(?<!\\\\)\"" + Pattern.quote(key) + "\"\\s*:").matcher(text).find();
  }

  /** Whether {@code text} has {@code "key": "value"} unescaped, with {@code value} a regex. */
  public static boolean hasKeyValue(String text, String key, String valueRegex) {
    return Pattern.compile(
            "(?<!\\\\)\"" + Pattern.quote(key) + "\"\\s*:\\s*\"(" + valueRegex + ")\"")
        .matcher(text)
        .find();
  }
}
