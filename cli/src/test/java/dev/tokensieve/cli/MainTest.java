package dev.tokensieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
