package dev.tokensieve.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option of the commands that work on a {@code serve} data dir. */
final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "tokensieve-data",
      description = "The data dir of `serve` (default ./${DEFAULT-VALUE}).")
  Path data = Path.of("tokensieve-data");
}
