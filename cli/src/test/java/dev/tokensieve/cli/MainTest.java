package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

final class MainTest {
  @Test
  void subcommands_areNamedAsTheirCommandsNameThemselves() {
    for (Map.Entry<String, Class<?>> e : Main.subcommands().entrySet()) {
      assertThat(e.getValue().getAnnotation(Command.class).name()).isEqualTo(e.getKey());
    }
  }

  @Test
  void commandLine_forOneSubcommand_buildsOnlyIt() {
    CommandLine cmd = Main.commandLine("analyze", "dir", "--json");

    assertThat(cmd.getSubcommands()).containsOnlyKeys("analyze");
  }

  @Test
  void commandLine_forHelpOrNoSubcommand_buildsEveryOneInUsageOrder() {
    for (String[] args :
        new String[][] {{}, {"help", "analyze"}, {"--help"}, {"analize"}, {"-V", "analyze"}}) {
      assertThat(Main.commandLine(args).getSubcommands().keySet())
          .containsExactlyElementsOf(Main.subcommands().keySet());
    }
  }

  @Test
  void usage_ofOneSubcommand_isTheSameInTheFullTree() {
    CommandLine full = Main.commandLine();
    for (String name : Main.subcommands().keySet()) {
      String alone = Main.commandLine(name).getSubcommands().get(name).getUsageMessage();

      assertThat(alone).isEqualTo(full.getSubcommands().get(name).getUsageMessage());
    }
  }

  @Test
  void usage_ofTheRoot_listsEveryCommand() {
    CommandRun r = CommandRun.of();

    assertThat(r.out())
        .startsWith("Usage: tokensieve [-hV] [COMMAND]\n")
        .contains("  analyze   Analyses agent session traces")
        .contains("  help      Display help information about the specified command.");
  }

  @Test
  void help_ofASubcommand_printsItsUsage() {
    CommandRun help = CommandRun.of("help", "prices");
    CommandRun option = CommandRun.of("prices", "--help");

    assertThat(help.out()).startsWith("Usage: tokensieve prices ").isEqualTo(option.out());
  }

  @Test
  void help_summariesOfEveryCommand_areWholeSentences() {
    String usage = CommandRun.of("help").out();
    String commands = usage.substring(usage.indexOf("Commands:\n") + "Commands:\n".length());
    // an entry is a line "  name   text", continued on lines indented further
    List<String> entries = new ArrayList<>();
    for (String line : commands.split("\n")) {
      if (line.startsWith("   ") && !entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      } else if (!line.isBlank()) {
        entries.add(line.strip());
      }
    }
    assertThat(entries).hasSize(Main.subcommands().size());
    assertThat(entries).allSatisfy(e -> assertThat(e).endsWith("."));
    assertThat(usage.substring(0, usage.indexOf("  -h")))
        .as("the root's description is one paragraph")
        .contains("productive, inefficient or wasteful");
  }

  @Test
  void version_isTheProjectVersionTheBuildWrote() {
    CommandRun r = CommandRun.of("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .matches("tokensieve \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?( \\(git [0-9a-f]{7,}(-dirty)?\\))?\n");
  }
}
