package dev.tokensieve.parsers;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Fingerprint;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
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
   * (see bench/README.md). What keeps it cheap:
   *
   * - write(char[]), the path Jackson's getText(Writer) takes, works per chunk: the head and the
   *   tail ring are filled with bulk copies.
   * - writeUtf8, the path the Claude Code scanner takes, gets a text as the UTF-8 bytes of its line
   *   and decodes only the characters an excerpt can show.
   * - Most texts are short, and there is one TextDigest per text block: the tail ring is made only
   *   when a text outgrows the head (it is then filled from the head).
   * - The digest is a Fingerprint of the text's UTF-8 bytes (see Fingerprint for why not SHA-256:
   *   it was the largest remaining cost after the first two), fed the characters as they come or,
   *   through writeUtf8, the bytes themselves, undecoded.
   *
   * add(char) is the obvious per-character version. It stays as the reference: write(int),
   * write(String) and append(CharSequence) use it, TextDigestTest checks that both paths give the
   * same digest and excerpt, and TextDigestBenchmark (benchmarks/) compares their speed.
   */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;
  private static final char[] NO_CHARS = {};
  private static final int LIMIT = Step.EXCERPT_LIMIT;
  private static final int HEAD = LIMIT / 4;
  private static final String ELLIPSIS = "\n…\n";
  private static final int TAIL = LIMIT - HEAD - 5;

  private final Fingerprint fingerprint = new Fingerprint();
  private char[] head = NO_CHARS; // grown up to LIMIT when written to: most texts are given whole
  private int headLength;
  private char @Nullable [] tail; // made when the text outgrows the head: most texts never do
  private long length;
  // A text given in one piece (writeUtf8), until more is written to it, is kept as its UTF-8 and
  // decoded only when asked for (most tool outputs are never read, see excerptLater):
  // - one of at most LIMIT characters: its bytes (or its String, made at once if they are ASCII)
  private byte @Nullable [] wholeUtf8;
  private @Nullable String whole;
  // - a longer one: the UTF-8 of its first LIMIT characters and of its last TAIL (or TAIL + 1,
  //   when the first of them is the low half of a four-byte character), and its excerpt once made
  private byte @Nullable [] longHead;
  private byte @Nullable [] longTail;
  private @Nullable String longExcerpt;
  private boolean onePieceAscii;

  /** An empty digest. */
  public TextDigest() {}

  /** Summarises {@code text} in one go. */
  public static TextDigest of(CharSequence text) {
    TextDigest d = new TextDigest();
    d.append(text);
    return d;
  }

  /**
   * Takes the text whose UTF-8 encoding is {@code bytes[off, off + len)}, {@code chars} UTF-16
   * characters long: the same as writing those characters. The bytes must be well-formed UTF-8 (no
   * encoded surrogates) ending on a character's end; {@code ascii} says they are all below 0x80.
   * They are fingerprinted as they are, and only the characters an excerpt can show are decoded:
   * all of a text of at most {@link Step#EXCERPT_LIMIT} characters given whole (most are), else
   * those that fill the head and the last ones, for the tail. A trace scanner has its texts as
   * UTF-8 in its line buffer; decoding every character of a long tool output, only to fingerprint
   * it, was a third of the cost of reading a transcript (bench/README.md, round 4).
   */
  public void writeUtf8(byte[] bytes, int off, int len, int chars, boolean ascii) {
    if (len <= 0) {
      return;
    }
    fingerprint.addUtf8(bytes, off, len);
    if (length == 0) { // one piece: kept as UTF-8 (see the fields)
      if (chars <= LIMIT && ascii) {
        whole = new String(bytes, off, len, StandardCharsets.ISO_8859_1); // a copy either way
      } else if (chars <= LIMIT) {
        wholeUtf8 = Arrays.copyOfRange(bytes, off, off + len);
      } else {
        longHead = Arrays.copyOfRange(bytes, off, endOfChars(bytes, off, off + len, LIMIT));
        longTail = Arrays.copyOfRange(bytes, startOfLast(bytes, off, off + len, TAIL), off + len);
      }
      onePieceAscii = ascii;
      length = chars;
      return;
    }
    settle();
    int toHead = Math.max(0, Math.min(LIMIT - headLength, chars));
    if (toHead > 0) {
      decode(bytes, off, off + len, headRoom(toHead), headLength, toHead, ascii);
      headLength += toHead;
    }
    int rest = chars - toHead;
    if (rest > 0) { // only the last TAIL characters can survive in the ring
      int n = Math.min(rest, TAIL);
      char[] last = new char[n];
      decodeLast(bytes, off, len, n, ascii, last, 0);
      char[] ring = ring();
      int from = (int) ((length + chars - n) % TAIL);
      int first = Math.min(n, TAIL - from);
      System.arraycopy(last, 0, ring, from, first);
      System.arraycopy(last, first, ring, 0, n - first);
    }
    length += chars;
  }

  /**
   * Decodes the last {@code n} UTF-16 characters of the well-formed UTF-8 {@code bytes[off, off +
   * len)} (which holds at least that many) into {@code out[outAt, outAt + n)}, from the end
   * backwards: one pass, where finding their start first and then decoding forwards took two. The
   * first of them may be the low half of a four-byte character.
   */
  private static void decodeLast(
      byte[] bytes, int off, int len, int n, boolean ascii, char[] out, int outAt) {
    int at = off + len;
    if (ascii) {
      decode(bytes, at - n, at, out, outAt, n, true);
      return;
    }
    int o = outAt + n;
    while (o > outAt) {
      if (o - 8 >= outAt && at - 8 >= off && ((long) LONGS.get(bytes, at - 8) & HIGHS) == 0) {
        for (int k = 1; k <= 8; k++) { // eight ASCII characters
          out[o - k] = (char) bytes[at - k];
        }
        o -= 8;
        at -= 8;
        continue;
      }
      int c = bytes[--at];
      if (c >= 0) {
        out[--o] = (char) c;
        continue;
      }
      int cp = c & 0x3F; // a continuation byte: gather the sequence back to its first byte
      int shift = 6;
      for (c = bytes[--at]; (c & 0xC0) == 0x80; c = bytes[--at]) {
        cp |= (c & 0x3F) << shift;
        shift += 6;
      }
      cp |= (c & (0x7F >> (shift / 6 + 1))) << shift; // the first byte's payload bits
      if (cp < 0x10000) {
        out[--o] = (char) cp;
      } else {
        out[--o] = Character.lowSurrogate(cp);
        if (o > outAt) {
          out[--o] = Character.highSurrogate(cp);
        }
      }
    }
  }

  /**
   * Where the last {@code count} UTF-16 characters of the well-formed UTF-8 {@code bytes[at, end)}
   * (which holds at least that many) start: at the four-byte character whose low half is the first
   * of them, if one is. Copying a fixed three bytes a character (the most one takes) kept three
   * times the bytes needed of a mostly ASCII text: 9 KB of every long tool output, most of them
   * never read.
   */
  private static int startOfLast(byte[] bytes, int at, int end, int count) {
    int i = end;
    int counted = 0;
    while (counted < count) {
      if (counted + 8 <= count && i - 8 >= at && ((long) LONGS.get(bytes, i - 8) & HIGHS) == 0) {
        i -= 8; // eight ASCII characters
        counted += 8;
        continue;
      }
      i--;
      while ((bytes[i] & 0xC0) == 0x80) { // back over a character's continuation bytes
        i--;
      }
      counted += (bytes[i] & 0xF8) == 0xF0 ? 2 : 1; // a four-byte character is two
    }
    return i;
  }

  /**
   * Where the first {@code count} UTF-16 characters of the well-formed UTF-8 {@code bytes[at, end)}
   * end: after the whole four-byte character whose high half is the last of them, if one is.
   */
  private static int endOfChars(byte[] bytes, int at, int end, int count) {
    int i = at;
    int counted = 0;
    while (counted < count && i < end) {
      if (counted + 8 <= count && i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGHS) == 0) {
        i += 8; // eight ASCII characters
        counted += 8;
        continue;
      }
      int c = bytes[i];
      if (c >= 0) {
        i++;
        counted++;
      } else if ((c & 0xE0) == 0xC0) {
        i += 2;
        counted++;
      } else if ((c & 0xF0) == 0xE0) {
        i += 3;
        counted++;
      } else {
        i += 4;
        counted += 2;
      }
    }
    return i;
  }

  /**
   * Decodes UTF-16 characters from the well-formed UTF-8 {@code bytes[at, end)}, starting on a
   * character's first byte, into {@code out[outAt, outAt + count)}, or fewer if the bytes end
   * first; returns how many. A four-byte character cut by the count gives only its high half.
   */
  private static int decode(
      byte[] bytes, int at, int end, char[] out, int outAt, int count, boolean ascii) {
    int o = outAt;
    int stop = outAt + Math.min(count, ascii ? end - at : count);
    if (ascii) {
      for (int i = at; o < stop; i++) {
        out[o++] = (char) bytes[i];
      }
      return o - outAt;
    }
    int i = at;
    while (o < stop && i < end) {
      if (o + 8 <= stop && i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGHS) == 0) {
        for (int k = 0; k < 8; k++) { // eight ASCII characters: code and logs are mostly ASCII
          out[o + k] = (char) bytes[i + k];
        }
        o += 8;
        i += 8;
        continue;
      }
      int c = bytes[i];
      if (c >= 0) {
        out[o++] = (char) c;
        i++;
      } else if ((c & 0xE0) == 0xC0) {
        out[o++] = (char) ((c & 0x1F) << 6 | (bytes[i + 1] & 0x3F));
        i += 2;
      } else if ((c & 0xF0) == 0xE0) {
        out[o++] = (char) ((c & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F));
        i += 3;
      } else {
        int cp =
            (c & 0x07) << 18
                | (bytes[i + 1] & 0x3F) << 12
                | (bytes[i + 2] & 0x3F) << 6
                | (bytes[i + 3] & 0x3F);
        out[o++] = Character.highSurrogate(cp);
        if (o < stop) {
          out[o++] = Character.lowSurrogate(cp);
        }
        i += 4;
      }
    }
    return o - outAt;
  }

  /**
   * Moves a text given whole, or a long text given in one piece, into the head buffer and the tail
   * ring, before more is written to it.
   */
  private void settle() {
    if (whole != null || wholeUtf8 != null) {
      head = whole().toCharArray();
      headLength = head.length;
      whole = null;
      wholeUtf8 = null;
    }
    if (longHead != null) {
      String excerpt = longExcerpt();
      head = longHead(LIMIT).toCharArray();
      headLength = LIMIT;
      // the excerpt ends with the text's last TAIL characters: character j goes to ring[j % TAIL]
      char[] ring = new char[TAIL];
      int from = (int) ((length - TAIL) % TAIL);
      int at = excerpt.length() - TAIL;
      excerpt.getChars(at, at + TAIL - from, ring, from);
      excerpt.getChars(at + TAIL - from, excerpt.length(), ring, 0);
      tail = ring;
      longHead = null;
      longTail = null;
      longExcerpt = null;
    }
  }

  /** A text of at most LIMIT characters given in one piece, made a String once. */
  private String whole() {
    String w = whole;
    if (w == null) {
      w = new String(requireNonNull(wholeUtf8), StandardCharsets.UTF_8);
      whole = w;
    }
    return w;
  }

  /** The first {@code max} characters of a long text given in one piece (at most LIMIT). */
  private String longHead(int max) {
    return decodeHead(requireNonNull(longHead), max, onePieceAscii);
  }

  /** The excerpt of a long text given in one piece, made once. */
  private String longExcerpt() {
    String e = longExcerpt;
    if (e == null) {
      e = excerptOf(requireNonNull(longHead), requireNonNull(longTail), onePieceAscii);
      longExcerpt = e;
    }
    return e;
  }

  /** The first {@code max} characters of the UTF-8 {@code bytes}, or all of them if fewer. */
  private static String decodeHead(byte[] bytes, int max, boolean ascii) {
    if (ascii) {
      return new String(bytes, 0, Math.min(max, bytes.length), StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[max];
    int n = decode(bytes, 0, bytes.length, out, 0, max, false);
    return new String(out, 0, n);
  }

  /**
   * {@link Texts#excerpt} of a text of more than LIMIT characters, from the UTF-8 of its first
   * characters ({@code head}, at least HEAD of them) and of its last ({@code tail}, at least TAIL).
   */
  private static String excerptOf(byte[] head, byte[] tail, boolean ascii) {
    char[] out = new char[HEAD + ELLIPSIS.length() + TAIL]; // one copy, then one String
    decode(head, 0, head.length, out, 0, HEAD, ascii);
    ELLIPSIS.getChars(0, ELLIPSIS.length(), out, HEAD);
    decodeLast(tail, 0, tail.length, TAIL, ascii, out, HEAD + ELLIPSIS.length());
    return new String(out);
  }

  /**
   * {@link #excerpt()}, made when first asked for: a tool result keeps this, not the String, and
   * most are never read ({@link Step.ToolResult}). It holds the bytes it needs, not this digest.
   */
  public Supplier<String> excerptLater() {
    byte[] utf8 = wholeUtf8;
    if (utf8 != null && whole == null) {
      return () -> new String(utf8, StandardCharsets.UTF_8);
    }
    byte[] first = longHead;
    byte[] last = longTail;
    if (first != null && last != null && longExcerpt == null) {
      boolean ascii = onePieceAscii;
      return () -> excerptOf(first, last, ascii);
    }
    String excerpt = excerpt();
    return () -> excerpt;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    if (len <= 0) {
      return;
    }
    settle();
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
    settle();
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
      head = Arrays.copyOf(head, Math.min(LIMIT, Math.max(need, Math.max(16, head.length * 2))));
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
    if (longHead != null) {
      return longHead(LIMIT);
    }
    if (whole != null || wholeUtf8 != null) {
      return whole();
    }
    return new String(head, 0, headLength);
  }

  /** The first {@code max} characters of the text, or all of it if shorter. */
  public String head(int max) {
    if (longHead != null) {
      return longHead(Math.max(0, Math.min(max, LIMIT)));
    }
    byte[] utf8 = wholeUtf8;
    if (utf8 != null && whole == null) { // only the characters asked for
      return max >= length ? whole() : decodeHead(utf8, Math.max(0, max), false);
    }
    String w = whole;
    if (w != null) {
      return max >= w.length() ? w : w.substring(0, max);
    }
    return new String(head, 0, Math.min(max, headLength));
  }

  /** {@link Texts#excerpt} of the whole text. */
  public String excerpt() {
    if (whole != null || wholeUtf8 != null) {
      return whole();
    }
    if (longHead != null) {
      return longExcerpt();
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
