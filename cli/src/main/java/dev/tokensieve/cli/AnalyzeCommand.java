package dev.tokensieve.cli;

import dev.tokensieve.cli.output.HtmlOutput;
import dev.tokensieve.cli.output.SessionSummary;
import dev.tokensieve.cli.output.TableOutput;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.scoring.SessionAnalyzer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokensieve analyze PATH...}: per-session accounting, findings and spend labels. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyses agent session traces: a Claude Code config dir, a Codex home, or any folder or",
      "file (also .gz); formats are recognised by content. With no PATH, reads your own Claude",
      "Code folder ($CLAUDE_CONFIG_DIR, else ~/.claude)."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Files or folders to analyse.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--json", description = "Print the tokensieve.report/v1 JSON document.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
  @Nullable Path html;

  @Option(names = "--prices", paramLabel = "FILE", description = "Price overrides: TokenSieve's table or LiteLLM's JSON.")
  @Nullable Path pricesFile;

  @Option(names = "--top", paramLabel = "N", defaultValue = "30", description = "Sessions shown in the table (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--strict", description = "Exit with code 2 if any file or line could not be read.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    PriceBook prices = PriceOptions.load(pricesFile);
    SessionAnalyzer analyzer = SessionAnalyzer.standard(prices);
    List<ParseProblem> problems = Collections.synchronizedList(new ArrayList<>());
    List<SessionSummary> summaries = new ArrayList<>();
    for (Session s : Ingest.sessions(paths, problems::add)) {
      SessionReport r = analyzer.analyze(s);
      summaries.add(SessionSummary.of(r));
    }
    for (ParseProblem p : problems) {
      err.println("tokensieve: " + p);
    }
    if (html != null) {
      try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
        new HtmlOutput().write(summaries, problems, w);
      }
      err.println("tokensieve: wrote " + html);
    }
    new TableOutput(top, 15).print(summaries, problems, System.out);
    return strict && !problems.isEmpty() ? 2 : 0;
  }
}
