package dev.tokensieve.cli;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the analysis daemon of one build, JVM and environment listens: {@code DIR/KEY.sock}, with
 * its lock ({@code KEY.lock}, held while it lives) and its log ({@code KEY.log}) beside it.
 *
 * <p>The key is bin/tokensieve's name for what a run's output could depend on besides its
 * arguments: the jar (path, size, modification time), the Java binary, the JVM options, the umask,
 * and the environment variables the analysis or the JVM reads (the home and Claude folders, the
 * locale, the time zone), through {@code cksum}. A client whose any of these differ finds no daemon
 * and starts its own, so a daemon never answers for another build or another environment; an old
 * one idles out. The launcher names it, not this code, because its perl client connects without a
 * JVM.
 *
 * <p>The directory is the user's own: {@code $XDG_RUNTIME_DIR/tokensieve} when that is set, else
 * {@code java.io.tmpdir/tokensieve-USER}, made with mode 0700. One that is not a plain directory
 * owned by this user with mode 0700 is refused: a socket anyone can reach would run analyses, and
 * read traces, on this user's behalf.
 */
record DaemonPlace(Path dir, String key) {
  /** Linux's limit on a socket path, less its terminating NUL. */
  private static final int MAX_SOCKET_PATH = 107;

  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  Path socket() {
    return dir.resolve(key + ".sock");
  }

  Path lock() {
    return dir.resolve(key + ".lock");
  }

  Path log() {
    return dir.resolve(key + ".log");
  }

  UnixDomainSocketAddress address() {
    return UnixDomainSocketAddress.of(socket());
  }

  /**
   * Removes this place's socket, log and lock if no daemon holds the lock (one that was killed, or
   * exited); true if it did.
   */
  boolean removeIfDead() throws IOException {
    try (FileChannel f =
            FileChannel.open(lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = tryLock(f)) {
      if (held == null) {
        return false; // alive, starting or stopping: leave it
      }
      Files.deleteIfExists(socket());
      Files.deleteIfExists(log());
      Files.deleteIfExists(lock());
      return true;
    }
  }

  /** The lock of {@code f}, or null if another daemon holds it. */
  static @Nullable FileLock tryLock(FileChannel f) throws IOException {
    try {
      return f.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another daemon in this JVM (tests run several)
    }
  }

  /** The default directory for this user, from the environment {@code env}. */
  static Path defaultDir(Map<String, String> env) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && runtime.startsWith("/") && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "tokensieve");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "tokensieve-" + user());
  }

  /**
   * The place in {@code dir}, made private if it does not exist.
   *
   * @throws IOException if the key is not a plain name, the directory cannot be made or is not
   *     private, or its socket path would be too long for a Unix socket
   */
  static DaemonPlace in(Path dir, String key) throws IOException {
    if (!key.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new IOException("not a daemon key: '" + key + "'");
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another client made it first: checked below like any other
      }
    }
    PosixFileAttributes a =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isDirectory()) {
      throw new IOException(dir + " is not a directory");
    }
    if (!a.owner().getName().equals(user())) {
      throw new IOException(dir + " belongs to " + a.owner().getName() + ", not " + user());
    }
    if (!a.permissions().equals(PRIVATE)) {
      throw new IOException(
          dir + " has mode " + PosixFilePermissions.toString(a.permissions()) + ", not rwx------");
    }
    DaemonPlace place = new DaemonPlace(dir, key);
    if (place.socket().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IOException(place.socket() + " is too long for a Unix socket");
    }
    return place;
  }

  /** The jar or class folder this code was loaded from. */
  static Path code() {
    try {
      return Path.of(DaemonPlace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the class path holds a malformed location", e);
    }
  }

  private static String user() {
    return System.getProperty("user.name");
  }
}
