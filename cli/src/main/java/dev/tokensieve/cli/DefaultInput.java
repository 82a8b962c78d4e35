package dev.tokensieve.cli;

import dev.tokensieve.parsers.TraceScanner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** What {@code analyze} reads when no path is given: the user's own Claude Code folder. */
final class DefaultInput {
  private DefaultInput() {}

  static Path resolve(PrintStream err) {
    Path dir = TraceScanner.defaultClaudeConfigDir();
    if (Files.isDirectory(dir.resolve("projects"))) {
      err.println("tokensieve: reading " + dir + " (pass a PATH to read something else)");
      return dir;
    }
    throw new CommandLine.ParameterException(
        new CommandLine(new AnalyzeCommand()),
        "no Claude Code transcripts at " + dir + "; pass a PATH, or try `tokensieve demo`");
  }
}
