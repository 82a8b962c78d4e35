package dev.tokensieve.cli;

import dev.tokensieve.core.price.ModelPrice;
import dev.tokensieve.core.price.PriceBook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokensieve prices [MODEL...]}: shows the price table, or how a model name resolves. */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = "Shows the model prices in use (USD per million tokens), or how MODEL resolves.")
final class PricesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "Model names as traces spell them.")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "Override file: TokenSieve's table format or LiteLLM's JSON.")
  @Nullable Path pricesFile;

  @Override
  public Integer call() {
    PriceBook book = PriceOptions.load(pricesFile);
    PrintWriter out = spec.commandLine().getOut();
    if (models.isEmpty()) {
      List<ModelPrice> all = new ArrayList<>(book.all());
      all.sort(Comparator.comparing(ModelPrice::model));
      out.printf(
          Locale.ROOT,
          "%-28s %8s %8s %8s %8s %8s  %s%n",
          "model",
          "input",
          "output",
          "cw5m",
          "cw1h",
          "read",
          "long context");
      for (ModelPrice p : all) {
        row(out, p.model(), p);
      }
      return 0;
    }
    int missing = 0;
    for (String m : models) {
      Optional<ModelPrice> p = book.find(m);
      if (p.isPresent()) {
        row(out, m + " -> " + p.get().model(), p.get());
      } else {
        out.println(m + ": unpriced (its cost is reported as unknown, never as $0)");
        missing++;
      }
    }
    return missing == 0 ? 0 : 1;
  }

  private static void row(PrintWriter out, String name, ModelPrice p) {
    ModelPrice.Rates r = p.base();
    double m = 1_000_000d;
    String tier =
        p.longContextThreshold() == 0
            ? "-"
            : String.format(
                Locale.ROOT,
                "> %,d: %.4g / %.4g",
                p.longContextThreshold(),
                p.longContext().input() * m,
                p.longContext().output() * m);
    out.printf(
        Locale.ROOT,
        "%-28s %8.4g %8.4g %8.4g %8.4g %8.4g  %s%n",
        name,
        r.input() * m,
        r.output() * m,
        r.cacheWrite5m() * m,
        r.cacheWrite1h() * m,
        r.cacheRead() * m,
        tier);
  }
}
