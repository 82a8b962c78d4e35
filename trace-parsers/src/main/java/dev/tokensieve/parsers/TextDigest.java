package dev.tokensieve.parsers;

import dev.tokensieve.core.model.Fingerprint;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import java.io.Writer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Measures, digests and excerpts a text that arrives in pieces, without keeping it.
 *
 * <p>Its {@link #digest()} and {@link #excerpt()} equal {@link Texts#digest} and {@link
 * Texts#excerpt} of the whole text, so a 50 MB tool output can be summarised while only {@link
 * Step#EXCERPT_LIMIT} characters of it are held. Feed it with {@code JsonParser.getText(Writer)}.
 * Not thread-safe.
 */
public final class TextDigest extends Writer {
  /*
   * Implementation notes. This runs over every character of every text in a corpus (tool outputs
   * are most of a trace's bytes), so it was the largest single cost of `analyze` in a JFR profile
   * (see bench/README.md). Two things keep it cheap:
   *
   * - write(char[]), the path Jackson's getText(Writer) takes, works per chunk: the head and the
   *   tail ring are filled with bulk copies and ASCII runs are encoded in a tight loop; only
   *   non-ASCII characters go through encode(char).
   * - Most texts are short, and there is one TextDigest per text block: the tail ring is made only
   *   when a text outgrows the head (it is then filled from the head).
   * - The digest is a Fingerprint over the UTF-16 characters as they come (see Fingerprint for
   *   why not SHA-256 over UTF-8: it was the largest remaining cost after the first two).
   *
   * add(char) is the obvious per-character version. It stays as the reference: write(int),
   * write(String) and append(CharSequence) use it, TextDigestTest checks that both paths give the
   * same digest and excerpt, and TextDigestBenchmark (benchmarks/) compares their speed.
   */
  private static final int LIMIT = Step.EXCERPT_LIMIT;
  private static final int HEAD = LIMIT / 4;
  private static final String ELLIPSIS = "\n…\n";
  private static final int TAIL = LIMIT - HEAD - 5;

  private final Fingerprint fingerprint = new Fingerprint();
  private char[] head = new char[16]; // grown up to LIMIT: most texts are short
  private int headLength;
  private char @Nullable [] tail; // made when the text outgrows the head: most texts never do
  private long length;
  // the text itself, while it is one text of at most LIMIT characters given whole (writeWhole)
  private @Nullable String whole;

  /** An empty digest. */
  public TextDigest() {}

  /** Summarises {@code text} in one go. */
  public static TextDigest of(CharSequence text) {
    TextDigest d = new TextDigest();
    d.append(text);
    return d;
  }

  /**
   * Takes {@code len} characters of {@code chars} from {@code off}: the same as {@link
   * #write(char[], int, int)}, but when they are the whole text so far and at most {@link
   * Step#EXCERPT_LIMIT} long (most texts are), they are kept as the String that {@link #excerpt()}
   * and {@link #head()} return, instead of being copied into the head buffer and later copied again
   * into that String: the head buffers were a fifth of all the memory an analysis allocated. More
   * may be written after, as after any write.
   */
  public void writeWhole(char[] chars, int off, int len) {
    if (length != 0 || len > LIMIT) {
      write(chars, off, len);
      return;
    }
    whole = new String(chars, off, len);
    length = len;
    fingerprint.add(chars, off, len);
  }

  /** Moves a text given whole into the head buffer, before more is written to it. */
  private void unwhole() {
    String w = whole;
    if (w != null) {
      whole = null;
      head = w.toCharArray();
      headLength = head.length;
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    if (len <= 0) {
      return;
    }
    unwhole();
    int toHead = Math.max(0, Math.min(LIMIT - headLength, len));
    if (toHead > 0) {
      System.arraycopy(cbuf, off, headRoom(toHead), headLength, toHead);
      headLength += toHead;
    }
    int rest = len - toHead;
    if (rest > 0) {
      // only the chunk's last TAIL characters can survive in the ring
      char[] ring = ring();
      int n = Math.min(rest, TAIL);
      int at = (int) ((length + len - n) % TAIL);
      int first = Math.min(n, TAIL - at);
      System.arraycopy(cbuf, off + len - n, ring, at, first);
      System.arraycopy(cbuf, off + len - n + first, ring, 0, n - first);
    }
    length += len;
    fingerprint.add(cbuf, off, len);
  }

  /**
   * Adds {@code len} ASCII bytes of {@code bytes} from {@code off}, each one character: the same as
   * writing them as chars, without decoding them first (JSON strings are mostly ASCII runs).
   */
  public void writeAscii(byte[] bytes, int off, int len) {
    if (len <= 0) {
      return;
    }
    unwhole();
    int toHead = Math.max(0, Math.min(LIMIT - headLength, len));
    if (toHead > 0) {
      char[] h = headRoom(toHead);
      for (int k = 0; k < toHead; k++) {
        h[headLength + k] = (char) bytes[off + k];
      }
      headLength += toHead;
    }
    int rest = len - toHead;
    if (rest > 0) {
      char[] ring = ring();
      int n = Math.min(rest, TAIL);
      int at = (int) ((length + len - n) % TAIL);
      for (int k = off + len - n, end = off + len; k < end; k++) {
        ring[at] = (char) bytes[k];
        if (++at == TAIL) {
          at = 0;
        }
      }
    }
    length += len;
    fingerprint.addLatin1(bytes, off, len);
  }

  @Override
  public void write(int c) {
    add((char) c);
  }

  @Override
  public void write(String str, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      add(str.charAt(i));
    }
  }

  @Override
  public TextDigest append(CharSequence csq) {
    for (int i = 0, n = csq.length(); i < n; i++) {
      add(csq.charAt(i));
    }
    return this;
  }

  private void add(char c) {
    unwhole();
    if (headLength < LIMIT) {
      headRoom(1)[headLength++] = c;
    } else {
      ring()[(int) (length % TAIL)] = c;
    }
    length++;
    fingerprint.add(c);
  }

  /** The head array, grown to take {@code more} characters (never beyond LIMIT). */
  private char[] headRoom(int more) {
    int need = headLength + more;
    if (need > head.length) {
      head = Arrays.copyOf(head, Math.min(LIMIT, Math.max(need, head.length * 2)));
    }
    return head;
  }

  /** The tail ring, made from the head's end when the text first outgrows the head. */
  private char[] ring() {
    char[] ring = tail;
    if (ring == null) {
      ring = new char[TAIL];
      // ring[j % TAIL] = head[j] for j in [LIMIT - TAIL, LIMIT), as two copies: a division per
      // character was most of this method's time, and it runs once per long text
      int from = LIMIT - TAIL; // below TAIL, so j % TAIL is j up to TAIL and j - TAIL after
      System.arraycopy(head, from, ring, from, TAIL - from);
      System.arraycopy(head, TAIL, ring, 0, LIMIT - TAIL);
      tail = ring;
    }
    return ring;
  }

  /** The number of characters seen. */
  public long length() {
    return length;
  }

  /** The estimated tokens of the text ({@link Texts#estimateTokens}). */
  public long tokens() {
    return Texts.estimateTokens(length);
  }

  /** The first characters of the text (up to {@link Step#EXCERPT_LIMIT}). */
  public String head() {
    return whole != null ? whole : new String(head, 0, headLength);
  }

  /** The first {@code max} characters of the text, or all of it if shorter. */
  public String head(int max) {
    if (whole != null) {
      return max >= whole.length() ? whole : whole.substring(0, max);
    }
    return new String(head, 0, Math.min(max, headLength));
  }

  /** {@link Texts#excerpt} of the whole text. */
  public String excerpt() {
    if (whole != null) {
      return whole;
    }
    if (length <= LIMIT) {
      return new String(head, 0, headLength);
    }
    char[] out = new char[HEAD + ELLIPSIS.length() + TAIL]; // one copy, then one String
    System.arraycopy(head, 0, out, 0, HEAD);
    ELLIPSIS.getChars(0, ELLIPSIS.length(), out, HEAD);
    char[] ring = ring();
    int start = (int) (length % TAIL);
    int at = HEAD + ELLIPSIS.length();
    System.arraycopy(ring, start, out, at, TAIL - start);
    System.arraycopy(ring, 0, out, at + TAIL - start, start);
    return new String(out);
  }

  /** {@link Texts#digest} of the text so far. */
  public String digest() {
    return fingerprint.hex();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
