package dev.tokensieve.parsers.claude;

import dev.tokensieve.core.model.ToolKind;
import org.jspecify.annotations.Nullable;

/** How Claude Code's tools map onto {@link ToolKind}s and which argument is their target. */
final class ClaudeTools {
  private ClaudeTools() {}

  static ToolKind kind(String tool) {
    return switch (tool) {
      case "Bash" -> ToolKind.SHELL;
      case "Read", "NotebookRead" -> ToolKind.READ;
      case "Edit", "MultiEdit", "NotebookEdit" -> ToolKind.EDIT;
      case "Write" -> ToolKind.WRITE;
      case "Grep", "Glob", "LS", "WebSearch", "WebFetch" -> ToolKind.SEARCH;
      case "Task", "Agent" -> ToolKind.TASK;
      default -> ToolKind.OTHER;
    };
  }

  /** The argument that matters for {@code kind}; the compact arguments when there is none. */
  static String target(ToolKind kind, ToolInput in) {
    String t =
        switch (kind) {
          case SHELL -> in.command;
          case READ, EDIT, WRITE -> in.filePath;
          case SEARCH -> first(in.pattern, in.query, in.url);
          case TASK -> in.description;
          case OTHER -> null;
        };
    return t != null ? t : in.argsExcerpt.get();
  }

  private static @Nullable String first(
      @Nullable String a, @Nullable String b, @Nullable String c) {
    return a != null ? a : b != null ? b : c;
  }
}
