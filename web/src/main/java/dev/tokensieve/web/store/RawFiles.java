package dev.tokensieve.web.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The raw uploaded files, gzip-compressed and content-addressed by the sha-256 of their original
 * bytes: {@code raw/<sha[0..2]>/<sha>.gz}, with {@code <sha>.json} beside it saying what the file
 * was called and whom it was attributed to.
 *
 * <p>Every write goes to a temporary file in the same directory and is then moved into place
 * atomically, so a crash leaves either the old state or the new one, never half a file.
 */
final class RawFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * What a raw file was when it was uploaded.
   *
   * @param sha the sha-256 of its original bytes
   * @param name the name it was uploaded under
   * @param team the team it was attributed to, if any
   * @param user the user it was attributed to, if any
   * @param repo the repository it was attributed to, if any
   * @param storedAt when, in epoch millis
   * @param owner the owner its sessions got (an uploader's user), if any
   * @param uploadedBy who uploaded it ({@code alice (3f2a9c01)}, {@code open}), if recorded
   */
  record Meta(
      String sha,
      String name,
      @Nullable String team,
      @Nullable String user,
      @Nullable String repo,
      long storedAt,
      @Nullable String owner,
      @Nullable String uploadedBy) {
    Attribution attribution() {
      return new Attribution(team, user, repo);
    }
  }

  private final Path dir;

  RawFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** The hex sha-256 of a file's bytes. */
  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HEX.formatHex(md.digest());
  }

  private Path gz(String sha) {
    return dir.resolve(sha.substring(0, 2)).resolve(sha + ".gz");
  }

  private Path meta(String sha) {
    return dir.resolve(sha.substring(0, 2)).resolve(sha + ".json");
  }

  private Path pending(String sha) {
    return dir.resolve(sha.substring(0, 2)).resolve(sha + ".pending");
  }

  /**
   * Stores {@code original} under {@code meta.sha()} unless its bytes are there, with its record as
   * pending: {@link #all()} does not see it until {@link #acknowledge} (after the index commit).
   */
  void put(Path original, Meta meta) throws IOException {
    Path target = gz(meta.sha());
    Files.createDirectories(target.getParent());
    if (!Files.exists(target)) {
      Path tmp = Files.createTempFile(target.getParent(), meta.sha(), ".tmp");
      try (InputStream in = Files.newInputStream(original);
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        in.transferTo(out);
      }
      move(tmp, target);
    }
    Path tmp = Files.createTempFile(target.getParent(), meta.sha(), ".tmp");
    JSON.writeValue(tmp.toFile(), meta);
    move(tmp, pending(meta.sha()));
  }

  /** Makes the pending record of {@code sha} its record: its upload was committed. */
  void acknowledge(String sha) throws IOException {
    Path p = pending(sha);
    if (Files.exists(p)) {
      move(p, meta(sha));
    }
  }

  /** Drops the pending record of {@code sha}: its upload failed. */
  void abandon(String sha) throws IOException {
    Files.deleteIfExists(pending(sha));
    if (!Files.exists(meta(sha))) {
      Files.deleteIfExists(gz(sha));
    }
  }

  /**
   * Cleans what a crash left: temporary files, and pending records (with their bytes, unless an
   * acknowledged record holds them) of uploads the index never committed, i.e. stored after {@code
   * ackedUntil}; pending records at or before it were committed, and are acknowledged. Returns how
   * many files were removed.
   */
  int sweep(long ackedUntil) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        if (!Files.isDirectory(shard)) {
          continue;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(shard)) {
          all.forEach(files::add);
        }
        for (Path f : files) {
          String n = f.getFileName().toString();
          if (n.endsWith(".tmp")) {
            Files.deleteIfExists(f);
            removed++;
          } else if (n.endsWith(".pending")) {
            String sha = n.substring(0, n.length() - ".pending".length());
            Meta m = JSON.readValue(f.toFile(), Meta.class);
            if (m.storedAt() <= ackedUntil) {
              acknowledge(sha);
            } else {
              abandon(sha);
              removed++;
            }
          }
        }
        for (Path f : files) {
          String n = f.getFileName().toString();
          if (n.endsWith(".gz")
              && !Files.exists(meta(n.substring(0, n.length() - 3)))
              && Files.deleteIfExists(f)) {
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /** What is known of the raw file {@code sha}, if it is stored. */
  Optional<Meta> find(String sha) throws IOException {
    Path m = meta(sha);
    if (!Files.exists(m) || !Files.exists(gz(sha))) {
      return Optional.empty();
    }
    return Optional.of(JSON.readValue(m.toFile(), Meta.class));
  }

  /** Every stored raw file, in no particular order. */
  List<Meta> all() throws IOException {
    List<Meta> out = new ArrayList<>();
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        if (!Files.isDirectory(shard)) {
          continue;
        }
        try (DirectoryStream<Path> metas = Files.newDirectoryStream(shard, "*.json")) {
          for (Path m : metas) {
            String sha = m.getFileName().toString().replace(".json", "");
            find(sha).ifPresent(out::add);
          }
        }
      }
    }
    return out;
  }

  /** Writes the original bytes of {@code meta} into {@code workDir} under its uploaded name. */
  Path restore(Meta meta, Path workDir) throws IOException {
    Path out = Files.createDirectories(workDir.resolve(meta.sha())).resolve(safeName(meta.name()));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz(meta.sha())), 1 << 16)) {
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }

  /** The last path segment of an uploaded name, made safe as a file name. */
  static String safeName(String name) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._@+-]", "_");
    return base.isEmpty() || base.startsWith(".") ? "upload" + base : base;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
