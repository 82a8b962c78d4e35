package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

final class QuickArgsTest {
  /** What a parse set, for comparing the quick reading with picocli's. */
  private static String settings(AnalyzeCommand c) {
    return String.join(
        " | ",
        String.valueOf(c.paths),
        "json=" + c.json,
        "requestLines=" + c.requestLines,
        "html=" + c.html,
        "prices=" + c.analysis.pricesFile,
        "outcomes=" + c.outcomesFile,
        "teams=" + c.analysis.teamsFile,
        "format=" + c.format,
        "threads=" + c.threads,
        "top=" + c.top,
        "strict=" + c.strict,
        "noDetectors=" + c.noDetectors,
        "noProgress=" + c.noProgress);
  }

  private static AnalyzeCommand picocli(String... args) {
    CommandLine.ParseResult parsed = Main.commandLine(args).parseArgs(args);
    return parsed.subcommand().commandSpec().commandLine().getCommand();
  }

  @Test
  void analyze_onPlainCommandLines_readsWhatPicocliReads() {
    String[][] lines = {
      {"analyze"},
      {"analyze", "dir"},
      {"analyze", "a", "b/c.jsonl", "--json", "--no-progress"},
      {"analyze", "--json", "dir", "--request-lines", "--strict", "--no-detectors"},
      {"analyze", "dir", "--threads", "3", "--top=7"},
      {"analyze", "--threads=1", "dir", "--top", "0"},
      {"analyze", "--format", "claude-code", "x"},
      {"analyze", "--format=CODEX", "x"},
      {"analyze", "--html", "out.html", "--prices=p.tsv", "--outcomes", "o.csv", "--teams=t.csv"},
      {"analyze", "d", "--html=a=b.html"},
      {"analyze", "analyze", "help", "serve"},
      {"analyze", "--top", "999999999", "--threads", "0"},
    };
    for (String[] args : lines) {
      AnalyzeCommand quick = QuickArgs.analyze(args);

      assertThat(quick).as(Arrays.toString(args)).isNotNull();
      assertThat(settings(quick)).as(Arrays.toString(args)).isEqualTo(settings(picocli(args)));
    }
  }

  @Test
  void analyze_onAnythingElse_leavesItToPicocli() {
    String[][] lines = {
      {},
      {"serve"},
      {"help", "analyze"},
      {"analyze", "--help"},
      {"analyze", "-h"},
      {"analyze", "-V"},
      {"analyze", "--bogus"},
      {"analyze", "-x", "dir"},
      {"analyze", "--json", "--json"},
      {"analyze", "--json=true"},
      {"analyze", "--top", "1", "--top=2"},
      {"analyze", "--top"},
      {"analyze", "--top", "-1"},
      {"analyze", "--top", "010"},
      {"analyze", "--top", "+1"},
      {"analyze", "--top", "1x"},
      {"analyze", "--threads", "9999999999"},
      {"analyze", "--top", "2147483647"},
      {"analyze", "--threads", "00"},
      {"analyze", "--format", "nope"},
      {"analyze", "--html", ""},
      {"analyze", "@args.txt"},
      {"analyze", "--prices", "@p"},
      {"analyze", "--", "dir"},
      {"analyze", ""},
      {"analyze", "bad\u0000path"},
    };
    for (String[] args : lines) {
      assertThat(QuickArgs.analyze(args)).as(Arrays.toString(args)).isNull();
    }
  }

  @Test
  void options_areEveryOptionOfTheAnalyzeCommand() {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : new CommandLine(new AnalyzeCommand()).getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        names.addAll(Arrays.asList(o.names()));
      }
    }
    List<String> quick = new ArrayList<>(QuickArgs.FLAGS);
    quick.addAll(QuickArgs.VALUED);

    assertThat(quick).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void run_onAQuickLine_printsWhatThePicocliRunPrints() {
    String dir = "../trace-parsers/src/test/resources/samples/claude-code";
    String[] args = {"analyze", dir, "--json", "--no-progress", "--threads", "1"};
    AnalyzeCommandTest.Run quick = AnalyzeCommandTest.run(args);
    CommandRun picocli = CommandRun.of(args);

    assertThat(quick.exit()).isZero().isEqualTo(picocli.code());
    assertThat(quick.out()).isEqualTo(picocli.out());
    assertThat(quick.err()).isEqualTo(picocli.err());
  }

  @Test
  void run_onAQuickLineThatFails_reportsAsThePicocliRunDoes() {
    String[] args = {"analyze", ".", "--threads", "0", "--no-progress"};
    AnalyzeCommandTest.Run quick = AnalyzeCommandTest.run(args);
    CommandRun picocli = CommandRun.of(args);

    assertThat(quick.exit()).isEqualTo(1).isEqualTo(picocli.code());
    assertThat(quick.err()).startsWith("tokensieve: threads ").isEqualTo(picocli.err());
  }
}
