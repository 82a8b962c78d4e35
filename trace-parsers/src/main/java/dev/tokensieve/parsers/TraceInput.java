package dev.tokensieve.parsers;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The files one parser call reads: a main file and the files that belong to the same session
 * (Claude Code sub-agent and compaction files), each possibly gzipped.
 *
 * @param main the main file
 * @param related files of the same session, read after the main file
 */
public record TraceInput(Path main, List<Path> related) {
  /** Copies the list. */
  public TraceInput {
    requireNonNull(main, "main");
    related = List.copyOf(related);
  }

  /** A single file. */
  public static TraceInput of(Path file) {
    return new TraceInput(file, List.of());
  }

  /** The main file followed by the related ones. */
  public List<Path> files() {
    return related.isEmpty()
        ? List.of(main)
        : java.util.stream.Stream.concat(java.util.stream.Stream.of(main), related.stream())
            .toList();
  }

  /** Opens {@code file}, transparently decompressing gzip (recognised by its magic bytes). */
  public static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(openUnbuffered(file), 1 << 16);
  }

  /**
   * Opens {@code file} as {@link #open} does, without a buffer in front of a plain file: for
   * readers that read in large blocks into their own buffer ({@link JsonLines}), where a second
   * buffer only copies every byte once more.
   */
  public static InputStream openUnbuffered(Path file) throws IOException {
    PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
    byte[] magic = in.readNBytes(2);
    in.unread(magic);
    if (magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
