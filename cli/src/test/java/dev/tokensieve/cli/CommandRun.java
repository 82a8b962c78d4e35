package dev.tokensieve.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process, capturing what it prints. */
record CommandRun(int code, String out, String err) {
  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println("tokensieve: " + ex.getMessage());
          return CommandLine.ExitCode.SOFTWARE;
        });
    int code = cmd.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
