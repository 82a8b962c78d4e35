package dev.tokensieve.web.store;

import dev.tokensieve.web.store.UploadRejectedException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turns one uploaded file into the plain trace files it holds, inside a work directory, under the
 * limits: a {@code .zip} is extracted entry by entry (nested {@code .gz} entries undone), a gzip
 * file is decompressed, anything else is taken as it is.
 *
 * <p>Expansion is counted as it happens, so a zip bomb is stopped after at most {@code
 * maxUncompressedBytes}, or as soon as it expands more than {@code maxRatio} times its upload
 * (beyond the first MiB, where small files legitimately compress well).
 */
final class Unpacker {
  private static final long RATIO_GRACE_BYTES = 1 << 20;

  /**
   * A plain trace file.
   *
   * @param name the name to report problems under ({@code a.zip!/dir/x.jsonl})
   * @param path where it is
   */
  record TraceFile(String name, Path path) {}

  private final UploadLimits limits;

  Unpacker(UploadLimits limits) {
    this.limits = limits;
  }

  List<TraceFile> unpack(UploadFile upload, Path workDir) throws IOException {
    long size = Files.size(upload.path());
    if (size > limits.maxFileBytes()) {
      throw new UploadRejectedException(
          Reason.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "file is %d bytes, over the limit of %d bytes (maxFileBytes)",
              size,
              limits.maxFileBytes()),
          upload.name(),
          0);
    }
    if (size == 0) {
      throw new UploadRejectedException(Reason.BAD_REQUEST, "file is empty", upload.name(), 0);
    }
    int magic = magic(upload.path());
    Path dir = Files.createDirectories(workDir);
    if (magic == 0x504b) { // "PK": a zip archive
      return unzip(upload, size, dir);
    }
    if (magic == 0x1f8b) {
      Path out = dir.resolve(RawFiles.safeName(stripGz(upload.name())));
      Budget budget = new Budget(upload.name(), size);
      try (InputStream in = new GZIPInputStream(Files.newInputStream(upload.path()), 1 << 16)) {
        copy(in, out, budget, upload.name());
      } catch (ZipException | java.io.EOFException e) {
        throw new UploadRejectedException(
            Reason.MALFORMED, "broken gzip data: " + e.getMessage(), upload.name(), 0);
      }
      return List.of(new TraceFile(upload.name(), out));
    }
    return List.of(new TraceFile(upload.name(), upload.path()));
  }

  private List<TraceFile> unzip(UploadFile upload, long size, Path dir) throws IOException {
    List<TraceFile> out = new ArrayList<>();
    Budget budget = new Budget(upload.name(), size);
    int entries = 0;
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(upload.path()), 1 << 16))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (++entries > limits.maxEntries()) {
          throw new UploadRejectedException(
              Reason.TOO_LARGE,
              String.format(
                  Locale.ROOT,
                  "archive has more than %d entries (maxEntries)",
                  limits.maxEntries()),
              upload.name(),
              0);
        }
        String entryName = e.getName().replace('\\', '/');
        if (e.isDirectory() || entryName.startsWith("__MACOSX/") || hidden(entryName)) {
          continue;
        }
        Path target = safeEntry(dir, entryName, upload.name());
        Files.createDirectories(target.getParent());
        String shown = upload.name() + "!/" + entryName;
        if (entryName.endsWith(".gz")) {
          target = target.resolveSibling(stripGz(target.getFileName().toString()));
          try {
            copy(new GZIPInputStream(new NonClosing(zip), 1 << 16), target, budget, shown);
          } catch (ZipException | java.io.EOFException ex) {
            throw new UploadRejectedException(
                Reason.MALFORMED, "broken gzip data: " + ex.getMessage(), shown, 0);
          }
        } else {
          copy(zip, target, budget, shown);
        }
        out.add(new TraceFile(shown, target));
      }
    } catch (ZipException e) {
      throw new UploadRejectedException(
          Reason.MALFORMED, "broken zip archive: " + e.getMessage(), upload.name(), 0);
    }
    if (entries == 0) {
      throw new UploadRejectedException(
          Reason.MALFORMED, "not a zip archive with entries", upload.name(), 0);
    }
    return out;
  }

  private static boolean hidden(String entryName) {
    String last = entryName.substring(entryName.lastIndexOf('/') + 1);
    return last.startsWith(".");
  }

  private static Path safeEntry(Path dir, String entryName, String archive) {
    Path target = dir.resolve(entryName).normalize();
    if (!target.startsWith(dir) || entryName.startsWith("/")) {
      throw new UploadRejectedException(
          Reason.MALFORMED, "archive entry escapes its folder: " + entryName, archive, 0);
    }
    return target;
  }

  private static String stripGz(String name) {
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  private static int magic(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int b1 = in.read();
      int b2 = in.read();
      return b1 < 0 || b2 < 0 ? -1 : (b1 << 8) | b2;
    }
  }

  /** How many bytes an upload may still expand to. */
  private final class Budget {
    final String upload;
    final long compressed;
    long written;

    Budget(String upload, long compressed) {
      this.upload = upload;
      this.compressed = compressed;
    }

    void add(long n, String shown) {
      written += n;
      if (written > limits.maxUncompressedBytes()) {
        throw new UploadRejectedException(
            Reason.TOO_LARGE,
            String.format(
                Locale.ROOT,
                "expands to more than %d bytes (maxUncompressedBytes)",
                limits.maxUncompressedBytes()),
            shown,
            0);
      }
      if (written > RATIO_GRACE_BYTES && written / compressed > limits.maxRatio()) {
        throw new UploadRejectedException(
            Reason.TOO_LARGE,
            String.format(
                Locale.ROOT,
                "expands more than %d times its %d bytes (maxRatio): a zip bomb?",
                limits.maxRatio(),
                compressed),
            shown,
            0);
      }
    }
  }

  private static void copy(InputStream in, Path target, Budget budget, String shown)
      throws IOException {
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        budget.add(n, shown);
        out.write(buf, 0, n);
      }
    }
  }

  /** Lets a GZIPInputStream read one zip entry without closing the archive stream. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
