package dev.tokensieve.core.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The answers of a pure test of shell commands, kept across sessions: projects run the same
 * commands session after session, and a test that searches literals and then a regex costs far more
 * than a lookup. Commands up to {@link #KEY_LIMIT} characters are kept, and all are forgotten at
 * {@link #LIMIT} of them, so the memo stays small; the answer is the test's either way.
 * Thread-safe.
 */
final class CommandMemo {
  static final int LIMIT = 8_192;
  static final int KEY_LIMIT = 512;

  private final Predicate<String> test;
  private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

  CommandMemo(Predicate<String> test) {
    this.test = test;
  }

  boolean test(String command) {
    if (command.length() > KEY_LIMIT) {
      return test.test(command);
    }
    Boolean known = answers.get(command);
    if (known == null) {
      known = test.test(command);
      if (answers.size() >= LIMIT) {
        answers.clear();
      }
      answers.put(command, known);
    }
    return known;
  }
}
