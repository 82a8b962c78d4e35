package dev.tokensieve.web.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One uploaded file, already on local disk.
 *
 * @param name the file's name as the user gave it ({@code session.jsonl}, {@code traces.zip})
 * @param path where its bytes are; the store reads it and never moves or deletes it
 */
public record UploadFile(String name, Path path) {
  /** Requires both. */
  public UploadFile {
    requireNonNull(name, "name");
    requireNonNull(path, "path");
  }

  /**
   * The last segment of an uploaded name, made safe as a local file name: keep the extension, since
   * sniffing uses it as a tie-breaker.
   */
  public static String safeFileName(String name) {
    return RawFiles.safeName(name);
  }
}
