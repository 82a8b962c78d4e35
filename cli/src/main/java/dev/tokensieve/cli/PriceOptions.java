package dev.tokensieve.cli;

import dev.tokensieve.core.price.PriceBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Loads the price book: the bundled table, overridden by the user's file if given. */
final class PriceOptions {
  private PriceOptions() {}

  static PriceBook load(@Nullable Path file) {
    PriceBook bundled = PriceBook.bundled();
    if (file == null) {
      return bundled;
    }
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return bundled.with(PriceBook.parseTable(in, file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prices file " + file + ": " + e.getMessage(), e);
    }
  }
}
