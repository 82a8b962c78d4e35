package dev.tokensieve.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A print writer that writes UTF-8 to a byte stream, and lends that stream to output made of bytes
 * already: {@code analyze --json} copies its pre-rendered sessions to it (see {@link
 * dev.tokensieve.scoring.report.ReportJson#open(OutputStream,
 * dev.tokensieve.scoring.report.ReportJson.Options)}). Flush this writer before writing to {@link
 * #bytes}.
 */
final class Utf8Out extends PrintWriter {
  private final OutputStream bytes;

  /** Writes to {@code bytes}, flushing on every line as {@code PrintWriter(out, true)} does. */
  Utf8Out(OutputStream bytes) {
    super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    this.bytes = bytes;
  }

  /** The stream under this writer. */
  OutputStream bytes() {
    return bytes;
  }
}
