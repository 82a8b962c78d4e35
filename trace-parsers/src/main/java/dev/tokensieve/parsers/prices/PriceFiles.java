package dev.tokensieve.parsers.prices;

import dev.tokensieve.core.price.PriceBook;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a user's price file ({@code --prices FILE}): the bundled table format ({@link
 * PriceBook#parseTable}) or LiteLLM's JSON ({@link LiteLlmPrices}), told apart by content (JSON
 * starts with <code>{</code>).
 */
public final class PriceFiles {
  private PriceFiles() {}

  /**
   * The prices in {@code file}, alone; combine with {@code PriceBook.bundled().with(...)}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PriceBook load(Path file) {
    String source = file.toString();
    try (InputStream raw = Files.newInputStream(file);
        BufferedInputStream in = new BufferedInputStream(raw)) {
      in.mark(4096);
      int c;
      int skipped = 0;
      do {
        c = in.read();
        skipped++;
      } while (c != -1
          && skipped < 4096
          && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF));
      in.reset();
      if (c == '{') {
        return LiteLlmPrices.read(in, source);
      }
      return PriceBook.parseTable(new InputStreamReader(in, StandardCharsets.UTF_8), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price file " + source, e);
    }
  }
}
