package dev.tokensieve.parsers.codex;

import dev.tokensieve.core.model.Session;
import dev.tokensieve.parsers.ProblemSink;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.parsers.TraceParser;
import dev.tokensieve.parsers.common.Heads;
import dev.tokensieve.parsers.common.JsonRecords;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads Codex CLI rollout files: one session per file, id {@code session_meta.payload.id}.
 *
 * <p>Tokens come from {@code event_msg/token_count}, whose {@code total_token_usage} is cumulative
 * and which Codex re-emits unchanged: a request is counted for every change of the cumulative total
 * (its delta), falling back to {@code last_token_usage} when the total resets. Cached input is
 * inside {@code input_tokens} and reasoning inside {@code output_tokens}; {@link
 * dev.tokensieve.core.model.Usage} gets {@code input - cached} as fresh input. A sub-agent or
 * forked rollout starts with a burst of replayed parent {@code token_count}s in one second: those
 * seed the running total and are not counted, and a {@code token_count} already counted in another
 * file of the same input (same time and total) is counted once.
 */
public final class CodexParser implements TraceParser {
  private static final Pattern CODEX_LINE =
      Pattern.compile(
          "^\\s*\\{.*(?<!\\\\)\"type\"\\s*:\\s*\"(session_meta|turn_context|response_item"
              + "|event_msg|compacted)\"\\s*,\\s*\"payload\"\\s*:");

  /** Creates a parser; parsers are cheap and single-use. */
  public CodexParser() {}

  @Override
  public boolean sniff(String fileName, String head) {
    return CODEX_LINE.matcher(Heads.firstLine(head)).find() && Heads.hasKey(head, "timestamp");
  }

  @Override
  public Stream<Session> parse(TraceInput input, ProblemSink problems) {
    Objects.requireNonNull(problems, "problems");
    Set<String> counted = new HashSet<>();
    return input.files().stream().flatMap(file -> Stream.ofNullable(read(file, problems, counted)));
  }

  private static @Nullable Session read(Path file, ProblemSink problems, Set<String> counted) {
    CodexRollout rollout = new CodexRollout(file, counted);
    JsonRecords.lines(file, problems, rollout::record);
    return rollout.build();
  }
}
