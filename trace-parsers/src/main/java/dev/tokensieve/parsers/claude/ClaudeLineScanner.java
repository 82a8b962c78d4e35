package dev.tokensieve.parsers.claude;

import dev.tokensieve.parsers.JsonBytes;
import dev.tokensieve.parsers.TextDigest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line held in a byte array into a {@link ClaudeLine}, without Jackson, or
 * says it is {@link Unsure} and leaves the line to {@link ClaudeLineReader}.
 *
 * <p>It gives exactly what {@link ClaudeLineReader} gives for the lines it accepts, and accepts a
 * line only if it is strict JSON that Jackson reads the same way: any doubt (a malformed or unusual
 * byte, a float or a negative token count, a value whose quirks only the reference reader
 * reproduces, nesting beyond {@link #MAX_DEPTH}) throws {@link Unsure}, and the reference reader
 * then reads the line and reports what is wrong with it. {@code ClaudeLineScannerTest} checks the
 * two agree on every line of the samples, of a generated corpus and of thousands of mutated lines.
 * Not thread-safe; one per parsing thread or file.
 */
final class ClaudeLineScanner {
  /*
   * Implementation notes. Reading the lines was half of `analyze`'s CPU, most of it in Jackson
   * (bench/README.md): a parser made per line, every string decoded into the parser's buffer and
   * copied again into a Writer, every skipped string tokenized. This reader walks the bytes once:
   * skipped values are only validated, and texts are decoded straight into the digests that
   * summarise them. ClaudeLineReader stays the reference: it is what a reader of this code should
   * read first, and what decides every line this one is unsure of.
   *
   * Strings of bytes already known to be plain ASCII are made as ISO_8859_1: the same characters,
   * but the JDK copies them without checking every byte again, as it does for US_ASCII.
   */

  /** Deeper lines are left to the reference reader, which applies the real limit. */
  static final int MAX_DEPTH = 64;

  /** The line needs the reference reader: it is malformed, or unusual in a way not handled here. */
  static final class Unsure extends Exception {
    private static final long serialVersionUID = 1L;

    private Unsure() {
      super(null, null, false, false); // thrown for control flow: no stack trace, no suppression
    }
  }

  private static final Unsure UNSURE = new Unsure();

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final int CHUNK = 8192;
  // a text digested as UTF-8 goes to its digest in pieces of up to this many bytes: at least the
  // longest excerpt (three bytes a character at most), so most texts go in one piece, whole
  private static final int UTF8_PIECE = 64 << 10;

  private byte[] b = new byte[0];
  private int i;
  private int end;
  private int lineEnd; // where the last line readLine read ends: its line break
  private final char[] chars = new char[CHUNK + 2]; // decoded text; +2: a surrogate pair
  private final byte[] utf8 = new byte[UTF8_PIECE + 4]; // +4: one more UTF-8 sequence
  private final CompactJson compact = new CompactJson(); // a tool call's arguments
  private final FieldNames names = new FieldNames();

  /**
   * Reads the line {@code bytes[start, end)}; null for a blank line.
   *
   * @throws Unsure if the reference reader must read the line
   */
  @Nullable ClaudeLine read(byte[] bytes, int start, int end) throws Unsure {
    ClaudeLine line = value(bytes, start, end);
    if (skipWhitespace() >= 0) {
      throw UNSURE; // content after the object
    }
    return line;
  }

  /**
   * Reads the line that starts at {@code start} when where it ends is not known yet: {@code
   * bytes[start, limit)} holds it, its line break and maybe more lines ({@link
   * JsonLines#nextStart()}). The line is its JSON value, then whitespace up to the first line
   * break, whose position {@link #lineEnd()} then gives; null for a blank line. A line break can
   * only end a line here: JSON strings hold none raw, and between tokens {@link #skipWhitespace}
   * stops at one. So the line read is the one {@code read} is given after the break was found
   * first, and read the same.
   *
   * @throws Unsure if the reference reader must read the line, or the line does not end before
   *     {@code limit} (then the break is looked for, and the line given to {@code read})
   */
  @Nullable ClaudeLine readLine(byte[] bytes, int start, int limit) throws Unsure {
    ClaudeLine line = value(bytes, start, limit);
    if (skipWhitespace() != '\n') {
      throw UNSURE; // content after the object, or no line break before the limit
    }
    lineEnd = i;
    return line;
  }

  /** Where the line {@link #readLine} read last ends: the position of its line break. */
  int lineEnd() {
    return lineEnd;
  }

  /** Reads a line's value from {@code start} up to {@code end} at the most; null if blank. */
  private @Nullable ClaudeLine value(byte[] bytes, int start, int end) throws Unsure {
    this.b = bytes;
    this.i = start;
    this.end = end;
    int c = skipWhitespace();
    if (c < 0 || c == '\n') {
      return null;
    }
    if (c != '{') {
      throw UNSURE;
    }
    i++;
    ClaudeLine line = new ClaudeLine();
    for (String f = firstField(); f != null; f = nextField()) {
      switch (f) {
        case "type" -> line.type = text(1);
        case "subtype" -> line.subtype = text(1);
        case "sessionId" -> {
          line.hasSessionIdKey = true;
          line.sessionId = text(1);
        }
        case "timestamp" -> line.timestamp = text(1);
        case "cwd" -> line.cwd = text(1);
        case "gitBranch" -> line.gitBranch = text(1);
        case "version" -> line.version = text(1);
        case "agentId" -> line.agentId = text(1);
        case "isSidechain" -> line.isSidechain = isTrue();
        case "isMeta" -> line.isMeta = isTrue();
        case "isApiErrorMessage" -> line.isApiErrorMessage = isTrue();
        case "isCompactSummary" -> line.isCompactSummary = isTrue();
        case "requestId" -> line.requestId = text(1);
        case "prUrl" -> line.prUrl = text(1);
        case "prNumber" -> line.prNumber = text(1);
        case "prRepository" -> line.prRepository = text(1);
        case "retryAttempt" -> line.retryAttempt = number(1);
        case "maxRetries" -> line.maxRetries = number(1);
        case "compactMetadata", "microcompactMetadata" -> line.preTokens = preTokens();
        case "error" -> line.errorMessage = error(1);
        case "message" -> message(line);
        case "uuid", "messageId" -> {
          line.hasUuidKey = true;
          skipValue(1);
        }
        case "leafUuid" -> {
          line.hasLeafUuidKey = true;
          skipValue(1);
        }
        case "payload" -> {
          line.hasPayloadKey = true;
          skipValue(1);
        }
        default -> skipValue(1);
      }
    }
    return line;
  }

  private void message(ClaudeLine line) throws Unsure {
    if (peekValue() != '{') {
      skipValue(1);
      return;
    }
    i++;
    for (String f = firstField(); f != null; f = nextField()) {
      switch (f) {
        case "id" -> line.messageId = text(2);
        case "model" -> line.model = text(2);
        case "usage" -> usage(line);
        case "content" -> {
          int c = peekValue();
          if (c == '"') {
            line.contentText = digest();
          } else if (c == '[') {
            i++;
            for (int e = firstElement(); e >= 0; e = nextElement()) {
              if (e == '{') {
                i++;
                line.blocks.add(block());
              } else {
                skipValue(3);
              }
            }
          } else {
            skipValue(2);
          }
        }
        default -> skipValue(2);
      }
    }
  }

  private ClaudeLine.Block block() throws Unsure {
    ClaudeLine.Block block = new ClaudeLine.Block();
    for (String f = firstField(); f != null; f = nextField()) {
      switch (f) {
        case "type" -> block.type = text(4);
        case "id" -> block.id = text(4);
        case "name" -> block.name = text(4);
        case "tool_use_id" -> block.toolUseId = text(4);
        case "is_error" -> block.isError = isTrue();
        case "input" -> {
          if (peekValue() == '{') {
            block.input = toolInput();
          } else {
            skipValue(4);
          }
        }
        case "text" -> {
          if (peekValue() == '"') {
            block.text = digest();
          } else {
            scalarOnly(); // the reference reader does not skip a container here
          }
        }
        case "content" -> block.text = resultContent();
        default -> skipValue(4);
      }
    }
    return block;
  }

  private @Nullable TextDigest resultContent() throws Unsure {
    int c = peekValue();
    if (c == '"') {
      return digest();
    }
    if (c != '[') {
      skipValue(4);
      return null;
    }
    i++;
    TextDigest d = new TextDigest();
    boolean first = true;
    for (int e = firstElement(); e >= 0; e = nextElement()) {
      if (e != '{') {
        skipValue(5);
        continue;
      }
      i++;
      for (String f = firstField(); f != null; f = nextField()) {
        if (f.equals("text") && peekValue() == '"') {
          if (!first) {
            d.write('\n');
          }
          first = false;
          i++;
          string(d, null, null);
        } else {
          skipValue(6);
        }
      }
    }
    return d;
  }

  private void usage(ClaudeLine line) throws Unsure {
    if (peekValue() != '{') {
      skipValue(2);
      return;
    }
    i++;
    line.hasUsage = true;
    for (String f = firstField(); f != null; f = nextField()) {
      switch (f) {
        case "input_tokens" -> line.inputTokens = number(3);
        case "output_tokens" -> line.outputTokens = number(3);
        case "cache_creation_input_tokens" -> line.cacheCreationTokens = number(3);
        case "cache_read_input_tokens" -> line.cacheReadTokens = number(3);
        case "speed" -> line.hasSpeed = scalarOnly() == '"';
        case "cache_creation" -> {
          if (peekValue() != '{') {
            skipValue(3);
            break;
          }
          i++;
          for (String g = firstField(); g != null; g = nextField()) {
            if (g.equals("ephemeral_5m_input_tokens")) {
              line.ephemeral5m = number(4);
            } else if (g.equals("ephemeral_1h_input_tokens")) {
              line.ephemeral1h = number(4);
            } else {
              skipValue(4);
            }
          }
        }
        case "output_tokens_details" -> {
          if (peekValue() != '{') {
            skipValue(3);
            break;
          }
          i++;
          for (String g = firstField(); g != null; g = nextField()) {
            if (g.equals("thinking_tokens")) {
              line.thinkingTokens = number(4);
            } else {
              skipValue(4);
            }
          }
        }
        default -> skipValue(3);
      }
    }
  }

  private long preTokens() throws Unsure {
    long pre = -1;
    if (peekValue() != '{') {
      skipValue(1);
      return pre;
    }
    i++;
    for (String f = firstField(); f != null; f = nextField()) {
      if (f.equals("preTokens")) {
        pre = number(2);
      } else {
        skipValue(2);
      }
    }
    return pre;
  }

  private @Nullable String error(int depth) throws Unsure {
    int c = peekValue();
    if (c == '"') {
      return text(depth);
    }
    if (c != '{') {
      skipValue(depth);
      return null;
    }
    if (depth >= MAX_DEPTH) {
      throw UNSURE;
    }
    i++;
    String message = null;
    for (String f = firstField(); f != null; f = nextField()) {
      int v = peekValue();
      if (f.equals("message") && v == '"') {
        message = text(depth + 1);
      } else if (f.equals("error") && v == '{' && message == null) {
        message = error(depth + 1);
      } else {
        skipValue(depth + 1);
      }
    }
    return message;
  }

  // ---- a tool call's input: ToolInput.read without a parser and a generator

  private ToolInput toolInput() throws Unsure {
    ToolInput in = new ToolInput();
    CompactJson compact = this.compact;
    compact.clear();
    i++; // '{'
    compact.write('{');
    boolean firstField = true;
    for (String f = firstField(); f != null; f = nextField()) {
      if (!firstField) {
        compact.write(',');
      }
      firstField = false;
      writeQuoted(compact, f);
      compact.write(':');
      int c = peekValue();
      if (c == '"') {
        i++;
        captureAndCopy(in, f, compact);
      } else if (c == '[') {
        i++;
        compact.write('[');
        boolean edits = f.equals("edits");
        boolean firstElement = true;
        for (int e = firstElement(); e >= 0; e = nextElement()) {
          if (!firstElement) {
            compact.write(',');
          }
          firstElement = false;
          if (edits && e == '{') {
            i++;
            in.edits.add(edit(compact));
          } else {
            copyValue(compact, 3);
          }
        }
        compact.write(']');
      } else {
        copyValue(compact, 2);
      }
    }
    compact.write('}');
    TextDigest args = compact.digest();
    if (args == null) {
      throw UNSURE; // a lone surrogate: the reference's generator writes it as it is
    }
    in.argsDigest = args.digest();
    in.argsExcerpt = args::excerpt; // made only for a call its target does not name
    return in;
  }

  /** One element of a MultiEdit's {@code edits}: {old digest, new digest}. */
  private String[] edit(CompactJson compact) throws Unsure {
    String[] edit = {"", ""};
    compact.write('{');
    boolean firstField = true;
    for (String f = firstField(); f != null; f = nextField()) {
      if (!firstField) {
        compact.write(',');
      }
      firstField = false;
      writeQuoted(compact, f);
      compact.write(':');
      boolean old = f.equals("old_string");
      if ((old || f.equals("new_string")) && peekValue() == '"') {
        i++;
        TextDigest value = new TextDigest();
        string(value, null, compact);
        edit[old ? 0 : 1] = value.digest();
      } else {
        copyValue(compact, 4);
      }
    }
    compact.write('}');
    return edit;
  }

  /** A top-level string argument: copied, and kept as ToolInput.capture keeps it. */
  private void captureAndCopy(ToolInput in, String field, CompactJson compact) throws Unsure {
    switch (field) {
      case "command", "pattern", "query", "url", "description" -> {
        TextDigest value = new TextDigest();
        string(value, null, compact);
        String excerpt = value.excerpt();
        switch (field) {
          case "command" -> in.command = excerpt;
          case "pattern" -> in.pattern = excerpt;
          case "query" -> in.query = excerpt;
          case "url" -> in.url = excerpt;
          default -> in.description = excerpt;
        }
      }
      case "file_path", "notebook_path", "path" -> {
        StringBuilder value = new StringBuilder();
        string(null, value, compact);
        if (!field.equals("path") || in.filePath == null) {
          in.filePath = value.toString();
        }
      }
      case "old_string", "new_string", "content" -> {
        TextDigest value = new TextDigest();
        string(value, null, compact);
        switch (field) {
          case "old_string" -> in.oldDigest = value.digest();
          case "new_string" -> in.newDigest = value.digest();
          default -> in.contentDigest = value.digest();
        }
      }
      default -> string(null, null, compact);
    }
  }

  /** Copies the value at hand as Jackson's generator writes it: compact, re-escaped. */
  private void copyValue(CompactJson out, int depth) throws Unsure {
    if (depth > MAX_DEPTH) {
      throw UNSURE;
    }
    int c = peekValue();
    switch (c) {
      case '"' -> {
        i++;
        string(null, null, out);
      }
      case '{' -> {
        i++;
        out.write('{');
        boolean first = true;
        for (String f = firstField(); f != null; f = nextField()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          writeQuoted(out, f);
          out.write(':');
          copyValue(out, depth + 1);
        }
        out.write('}');
      }
      case '[' -> {
        i++;
        out.write('[');
        boolean first = true;
        for (int e = firstElement(); e >= 0; e = nextElement()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          copyValue(out, depth + 1);
        }
        out.write(']');
      }
      case 't', 'f', 'n' -> {
        int from = i;
        literal(c);
        for (int k = from; k < i; k++) {
          out.write(b[k]);
        }
      }
      default -> {
        int from = i;
        if (number() != INTEGER || b[from] == '-' && i - from == 2 && b[from + 1] == '0') {
          throw UNSURE; // the generator rewrites floats and -0; the reference reader copies them
        }
        for (int k = from; k < i; k++) {
          out.write(b[k]);
        }
      }
    }
  }

  /** Writes {@code s} as a JSON string the way Jackson's generator does. */
  private void writeQuoted(CompactJson out, String s) {
    out.write('"');
    for (int k = 0; k < s.length(); ) {
      int n = Math.min(CHUNK, s.length() - k);
      s.getChars(k, k + n, chars, 0);
      out.writeEscaped(chars, n);
      k += n;
    }
    out.write('"');
  }

  // ---- values

  /** A string or an integer's text, as ClaudeLineReader.text; null for other values. */
  private @Nullable String text(int depth) throws Unsure {
    int c = peekValue();
    if (c == '"') {
      i++;
      int from = i;
      int k = JsonBytes.endOfPlainRun(b, from, end);
      if (k < end && b[k] == '"') {
        i = k + 1; // the usual case: plain ASCII, no escapes
        return k - from <= FieldNames.MAX_VALUE_LENGTH
            ? names.plain(b, from, k)
            : new String(b, from, k - from, StandardCharsets.ISO_8859_1);
      }
      StringBuilder sb = new StringBuilder();
      string(null, sb, null);
      return sb.toString();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int from = i;
      return number() == INTEGER
          ? new String(b, from, i - from, StandardCharsets.ISO_8859_1)
          : null;
    }
    skipValue(depth);
    return null;
  }

  /** A token count, as ClaudeLineReader.number: 0 for a non-number. */
  private long number(int depth) throws Unsure {
    int c = peekValue();
    if (c != '-' && (c < '0' || c > '9')) {
      skipValue(depth);
      return 0;
    }
    int from = i;
    if (c == '-' || number() != INTEGER || i - from > 18) {
      throw UNSURE; // negative (an error), a float (rounded) or huge: the reference reader decides
    }
    long n = 0;
    for (int k = from; k < i; k++) {
      n = n * 10 + (b[k] - '0');
    }
    return n;
  }

  /** Whether the value is the literal true, for fields the reference reader does not skip. */
  private boolean isTrue() throws Unsure {
    return scalarOnly() == 't';
  }

  /** Skips a scalar value and returns its first byte; containers are left to the reference. */
  private int scalarOnly() throws Unsure {
    int c = peekValue();
    if (c == '{' || c == '[') {
      throw UNSURE;
    }
    skipValue(1);
    return c;
  }

  private TextDigest digest() throws Unsure {
    i++; // the opening quote
    TextDigest d = new TextDigest();
    string(d, null, null);
    return d;
  }

  private void skipValue(int depth) throws Unsure {
    int c = peekValue();
    switch (c) {
      case '"' -> {
        i++;
        skipString();
      }
      case '{' -> {
        if (depth >= MAX_DEPTH) {
          throw UNSURE;
        }
        i++;
        for (boolean more = skipFirstKey(); more; more = skipNextKey()) {
          skipValue(depth + 1);
        }
      }
      case '[' -> {
        if (depth >= MAX_DEPTH) {
          throw UNSURE;
        }
        i++;
        for (int e = firstElement(); e >= 0; e = nextElement()) {
          skipValue(depth + 1);
        }
      }
      case 't', 'f', 'n' -> literal(c);
      default -> number();
    }
  }

  private void literal(int c) throws Unsure {
    String word = c == 't' ? "true" : c == 'f' ? "false" : "null";
    if (end - i < word.length()) {
      throw UNSURE;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        throw UNSURE;
      }
    }
    i += word.length();
  }

  private static final int INTEGER = 1;
  private static final int FLOAT = 2;

  /** Reads a number in strict JSON grammar; returns INTEGER or FLOAT. */
  private int number() throws Unsure {
    int from = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end) {
      throw UNSURE;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    } else {
      throw UNSURE;
    }
    int kind = INTEGER;
    if (i < end && b[i] == '.') {
      i++;
      kind = FLOAT;
      digits();
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      kind = FLOAT;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      digits();
    }
    if (i - from > 100) {
      throw UNSURE; // the reference reader applies the real limit
    }
    return kind;
  }

  private void digits() throws Unsure {
    int from = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == from) {
      throw UNSURE;
    }
  }

  // ---- strings

  /** Skips a string's body after its opening quote, validating it. */
  private void skipString() throws Unsure {
    byte[] b = this.b; // locals in the loop, as in asUtf8
    int end = this.end;
    int i = this.i;
    while (true) {
      i = JsonBytes.endOfPlainRun(b, i, end);
      if (i >= end) {
        throw UNSURE;
      }
      byte c = b[i];
      if (c == '"') {
        this.i = i + 1;
        return;
      }
      this.i = i;
      if (c == '\\') {
        escape();
      } else if (c < 0) {
        utf8();
      } else {
        throw UNSURE; // a raw control character
      }
      i = this.i;
    }
  }

  /**
   * Decodes a string's body after its opening quote into the given sinks: a digest, a builder, and
   * a digest of the compact JSON the string is copied into (quotes and escapes added).
   */
  private void string(
      @Nullable TextDigest value, @Nullable StringBuilder full, @Nullable CompactJson json)
      throws Unsure {
    if (json != null) {
      json.write('"');
    }
    if (full == null && asUtf8(value, json)) {
      if (json != null) {
        json.write('"');
      }
      return;
    }
    int n = 0;
    while (true) {
      int run = JsonBytes.endOfPlainRun(b, i, end);
      while (n < CHUNK && i < run) {
        chars[n++] = (char) b[i++];
      }
      if (n >= CHUNK) {
        flush(n, value, full, json);
        n = 0;
        continue;
      }
      if (i >= end) {
        throw UNSURE;
      }
      if (b[i] == '"') {
        i++;
        flush(n, value, full, json);
        if (json != null) {
          json.write('"');
        }
        return;
      }
      n = special(n);
    }
  }

  /**
   * {@link #string} into a digest, a compact JSON copy, or both, as UTF-8: the usual case (tool
   * outputs are digested, tool inputs digested and copied). The text's plain runs and UTF-8
   * sequences are copied as they are and its escapes decoded into a buffer that goes to the digest
   * a piece at a time ({@link TextDigest#writeUtf8}), so a character is decoded only if an excerpt
   * shows it; the JSON gets the same, straight into its own buffer, but escapes as Jackson's
   * generator writes them ({@link CompactJson#writeEscaped(char)}). The character loop of {@link
   * #string} stays the reference; the scanner tests check both give the same digests and excerpts.
   * Returns false, having written what came before it, at an escaped surrogate (rare: JSON writers
   * escape only lone ones), to let that loop go on from there.
   */
  private boolean asUtf8(@Nullable TextDigest value, @Nullable CompactJson json) throws Unsure {
    // locals, not fields, in the loop: the client JIT reloads fields on every iteration
    byte[] b = this.b;
    int end = this.end;
    byte[] u = this.utf8;
    int i = this.i;
    int n = 0; // the value's bytes in u, and the characters they encode
    int chars = 0;
    boolean ascii = true;
    // b[from, i): plain runs and UTF-8 sequences not yet copied, which both take as they are;
    // they are copied once, at the next escape or the end, not run by run
    int from = i;
    int rawChars = 0;
    boolean rawAscii = true;
    while (true) {
      int run = JsonBytes.endOfPlainRun(b, i, end);
      rawChars += run - i;
      i = run;
      if (i >= end) {
        throw UNSURE;
      }
      byte c = b[i];
      if (c < 0) {
        this.i = i;
        int cp = utf8(); // checks the sequence: not every byte string is UTF-8
        i = this.i;
        rawChars += cp >= 0x10000 ? 2 : 1;
        rawAscii = false;
        if (i - from < UTF8_PIECE) {
          continue;
        }
      }
      int len = i - from;
      if (json != null) { // the JSON takes the stretch as it is, into its own growing buffer
        json.writeUtf8(b, from, len, rawChars, rawAscii);
      }
      if (value != null) {
        if (n + len > UTF8_PIECE) {
          value.writeUtf8(u, 0, n, chars, ascii);
          n = chars = 0;
          ascii = true;
        }
        if (len > UTF8_PIECE) { // a long stretch goes in from the line itself
          value.writeUtf8(b, from, len, rawChars, rawAscii);
        } else {
          System.arraycopy(b, from, u, n, len);
          n += len;
          chars += rawChars;
          ascii &= rawAscii;
        }
      }
      from = i;
      rawChars = 0;
      rawAscii = true;
      if (c < 0) {
        continue; // a long stretch was given: go on after it
      }
      if (c == '"') {
        this.i = i + 1;
        give(value, u, n, chars, ascii);
        return true;
      }
      if (c != '\\') {
        throw UNSURE; // a raw control character
      }
      this.i = i;
      char e = escape();
      if (Character.isSurrogate(e)) {
        give(value, u, n, chars, ascii);
        this.i = i; // back to the escape, for the character loop
        return false;
      }
      if (value != null) {
        if (e < 0x80) {
          u[n++] = (byte) e;
        } else {
          n = utf8(e, u, n);
          ascii = false;
        }
        chars++;
      }
      if (json != null) {
        json.writeEscaped(e);
      }
      i = this.i;
      from = i;
    }
  }

  /** Gives {@code out}, if any, the UTF-8 {@code bytes[0, len)} of {@code chars} characters. */
  private static void give(
      @Nullable TextDigest out, byte[] bytes, int len, int chars, boolean ascii) {
    if (out != null) {
      out.writeUtf8(bytes, 0, len, chars, ascii);
    }
  }

  /**
   * Writes {@code c}, below 0x80, into {@code o} at {@code m} as Jackson's generator escapes it.
   */
  private static int escapeAscii(char c, byte[] o, int m) {
    if (c >= 0x20 && c != '"' && c != '\\') {
      o[m] = (byte) c;
      return m + 1;
    }
    o[m] = '\\';
    switch (c) {
      case '"', '\\' -> o[m + 1] = (byte) c;
      case '\b' -> o[m + 1] = 'b';
      case '\t' -> o[m + 1] = 't';
      case '\f' -> o[m + 1] = 'f';
      case '\n' -> o[m + 1] = 'n';
      case '\r' -> o[m + 1] = 'r';
      default -> {
        o[m + 1] = 'u';
        o[m + 2] = '0';
        o[m + 3] = '0';
        o[m + 4] = (byte) HEX[c >> 4];
        o[m + 5] = (byte) HEX[c & 0xF];
        return m + 6;
      }
    }
    return m + 2;
  }

  /** Writes {@code c}, from 0x80 and not a surrogate, into {@code o} at {@code m} as UTF-8. */
  private static int utf8(char c, byte[] o, int m) {
    if (c < 0x800) {
      o[m] = (byte) (0xC0 | c >>> 6);
      o[m + 1] = (byte) (0x80 | (c & 0x3F));
      return m + 2;
    }
    o[m] = (byte) (0xE0 | c >>> 12);
    o[m + 1] = (byte) (0x80 | (c >>> 6 & 0x3F));
    o[m + 2] = (byte) (0x80 | (c & 0x3F));
    return m + 3;
  }

  /**
   * Decodes the escape or UTF-8 sequence at {@code i}, where a plain run ended short of the closing
   * quote, into {@code chars[n]} (a surrogate pair takes two); returns the new {@code n}.
   */
  private int special(int n) throws Unsure {
    byte c = b[i];
    if (c == '\\') {
      chars[n] = escape();
      return n + 1;
    }
    if (c >= 0) {
      throw UNSURE; // a raw control character
    }
    int cp = utf8();
    if (cp < 0x10000) {
      chars[n] = (char) cp;
      return n + 1;
    }
    chars[n] = Character.highSurrogate(cp);
    chars[n + 1] = Character.lowSurrogate(cp);
    return n + 2;
  }

  private void flush(
      int n, @Nullable TextDigest value, @Nullable StringBuilder full, @Nullable CompactJson json) {
    if (n == 0) {
      return;
    }
    if (value != null) {
      value.write(chars, 0, n);
    }
    if (full != null) {
      full.append(chars, 0, n);
    }
    if (json != null) {
      json.writeEscaped(chars, n);
    }
  }

  /** Reads an escape sequence at the backslash and returns its character. */
  private char escape() throws Unsure {
    if (end - i < 2) {
      throw UNSURE;
    }
    byte e = b[i + 1];
    i += 2;
    switch (e) {
      case '"', '\\', '/' -> {
        return (char) e;
      }
      case 'b' -> {
        return '\b';
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'u' -> {
        if (end - i < 4) {
          throw UNSURE;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
          int d = Character.digit(b[i + k], 16);
          if (d < 0) {
            throw UNSURE;
          }
          v = v << 4 | d;
        }
        i += 4;
        return (char) v;
      }
      default -> throw UNSURE;
    }
  }

  /**
   * Decodes one well-formed UTF-8 sequence of two to four bytes; anything else is left to Jackson.
   */
  private int utf8() throws Unsure {
    int c = b[i] & 0xFF;
    int need;
    int cp;
    int min;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1F;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0F;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    } else {
      throw UNSURE;
    }
    if (end - i <= need) {
      throw UNSURE;
    }
    for (int k = 1; k <= need; k++) {
      int d = b[i + k] & 0xFF;
      if ((d & 0xC0) != 0x80) {
        throw UNSURE;
      }
      cp = cp << 6 | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw UNSURE;
    }
    i += need + 1;
    return cp;
  }

  // ---- structure

  /** After an object's '{': the first field's name (the colon consumed), or null if empty. */
  private @Nullable String firstField() throws Unsure {
    int c = skipWhitespace();
    if (c == '}') {
      i++;
      return null;
    }
    return fieldName(c);
  }

  /** After a field's value: the next field's name (the colon consumed), or null at the '}'. */
  private @Nullable String nextField() throws Unsure {
    int c = skipWhitespace();
    if (c == '}') {
      i++;
      return null;
    }
    if (c != ',') {
      throw UNSURE;
    }
    i++;
    return fieldName(skipWhitespace());
  }

  /** As {@link #firstField()}, for an object being skipped: the key is validated, not kept. */
  private boolean skipFirstKey() throws Unsure {
    int c = skipWhitespace();
    if (c == '}') {
      i++;
      return false;
    }
    skipKey(c);
    return true;
  }

  /** As {@link #nextField()}, for an object being skipped. */
  private boolean skipNextKey() throws Unsure {
    int c = skipWhitespace();
    if (c == '}') {
      i++;
      return false;
    }
    if (c != ',') {
      throw UNSURE;
    }
    i++;
    skipKey(skipWhitespace());
    return true;
  }

  private void skipKey(int c) throws Unsure {
    if (c != '"') {
      throw UNSURE;
    }
    i++;
    skipString();
    if (skipWhitespace() != ':') {
      throw UNSURE;
    }
    i++;
  }

  private String fieldName(int c) throws Unsure {
    if (c != '"') {
      throw UNSURE;
    }
    int from = i + 1;
    int k = JsonBytes.endOfPlainRun(b, from, end);
    if (k >= end || b[k] != '"') {
      throw UNSURE; // escapes or non-ASCII in a field name: rare, left to the reference reader
    }
    String name = names.plain(b, from, k);
    i = k + 1;
    if (skipWhitespace() != ':') {
      throw UNSURE;
    }
    i++;
    return name;
  }

  /** After an array's '[': the first byte of the first element, or -1 if empty. */
  private int firstElement() throws Unsure {
    int c = skipWhitespace();
    if (c == ']') {
      i++;
      return -1;
    }
    if (c < 0) {
      throw UNSURE;
    }
    return c;
  }

  /** After an element: the first byte of the next element, or -1 at the ']'. */
  private int nextElement() throws Unsure {
    int c = skipWhitespace();
    if (c == ']') {
      i++;
      return -1;
    }
    if (c != ',') {
      throw UNSURE;
    }
    i++;
    c = skipWhitespace();
    if (c < 0) {
      throw UNSURE;
    }
    return c;
  }

  /** The first byte of the value at hand, after whitespace; the value must start there. */
  private int peekValue() throws Unsure {
    int c = skipWhitespace();
    if (c < 0) {
      throw UNSURE;
    }
    return c;
  }

  /**
   * Skips JSON whitespace, except a line break: returns the next byte (unconsumed, maybe a line
   * break, which ends a line and is not in one {@link #read} is given), or -1 at the end.
   */
  private int skipWhitespace() {
    // Transcripts are compact JSON: the next byte is rarely a space. This test is small enough for
    // the client JIT to inline into every caller; the loop is not, and a call per value cost more
    // than the loop's work.
    if (i < end && b[i] > ' ') {
      return b[i] & 0xFF;
    }
    return skipSpaces();
  }

  private int skipSpaces() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return c & 0xFF;
      }
      i++;
    }
    return -1;
  }

  /**
   * A tool call's arguments as the compact JSON Jackson's generator writes for them (re-escaped),
   * built as UTF-8 and digested in one piece at the end. Written to a digest a character at a time
   * (braces, commas, quoted field names), they were half of the cost of reading a tool input. One
   * per scanner, cleared for each input; a buffer grown for a large input is dropped beyond KEEP.
   */
  private static final class CompactJson {
    private static final int KEEP = 1 << 20;
    private byte[] bytes = new byte[1024];
    private int length;
    private int chars;
    private boolean ascii;
    private boolean wellFormed; // false after a lone surrogate, which UTF-8 cannot hold
    private char high; // a high surrogate waiting for its low half

    void clear() {
      if (bytes.length > KEEP) {
        bytes = new byte[1024];
      }
      length = 0;
      chars = 0;
      ascii = true;
      wellFormed = true;
      high = 0;
    }

    private byte[] room(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
      return bytes;
    }

    /** An ASCII character, as it is: a brace, a comma, a byte of a number or literal. */
    void write(int c) {
      if (high != 0) {
        wellFormed = false;
      }
      room(1)[length++] = (byte) c;
      chars++;
    }

    /** The well-formed UTF-8 {@code b[from, from + len)} of {@code n} characters, as it is. */
    void writeUtf8(byte[] b, int from, int len, int n, boolean isAscii) {
      if (high != 0) {
        wellFormed = false;
      }
      System.arraycopy(b, from, room(len), length, len);
      length += len;
      chars += n;
      ascii &= isAscii;
    }

    /** {@code cs[0, n)} escaped as Jackson's generator escapes a string's characters. */
    void writeEscaped(char[] cs, int n) {
      byte[] o = room(n);
      for (int k = 0; k < n; k++) {
        char c = cs[k];
        if (high == 0 && c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          o[length++] = (byte) c; // as it is: field names are plain, and a call each cost more
          chars++;
        } else {
          writeEscaped(c);
          o = bytes; // it may have grown the buffer
        }
      }
    }

    /** {@code c} escaped as Jackson's generator escapes a string's character. */
    void writeEscaped(char c) {
      byte[] o = room(6); // an escape is six bytes at most, a character in UTF-8 four
      int at = length;
      if (high != 0) {
        char h = high;
        high = 0;
        if (Character.isLowSurrogate(c)) {
          int cp = Character.toCodePoint(h, c);
          o[at++] = (byte) (0xF0 | cp >>> 18);
          o[at++] = (byte) (0x80 | (cp >>> 12 & 0x3F));
          o[at++] = (byte) (0x80 | (cp >>> 6 & 0x3F));
          o[at++] = (byte) (0x80 | (cp & 0x3F));
          chars += 2;
          length = at;
          return;
        }
        wellFormed = false;
      }
      if (c < 0x80) {
        int start = at;
        at = escapeAscii(c, o, at);
        chars += at - start;
      } else if (Character.isHighSurrogate(c)) {
        high = c;
        ascii = false;
      } else if (Character.isLowSurrogate(c)) {
        wellFormed = false;
      } else {
        at = utf8(c, o, at);
        chars++;
        ascii = false;
      }
      length = at;
    }

    /** The digest of what was written, in one piece; null if it held a lone surrogate. */
    @Nullable TextDigest digest() {
      if (high != 0 || !wellFormed) {
        return null;
      }
      TextDigest d = new TextDigest();
      d.writeUtf8(bytes, 0, length, chars, ascii);
      return d;
    }
  }

  /** A small cache of the strings made from short ASCII byte runs (field names, types, ids). */
  private static final class FieldNames {
    /*
     * Implementation notes. Every field name of every line comes through here (about 25 a line), so
     * a run is hashed and compared eight bytes at a time (JsonBytes.word), not byte by byte: the
     * per-byte hash and Arrays.equals took a tenth of the parse threads' time on the client JIT.
     * Away from the array's end, the words are loaded here rather than by a call to word each (the
     * client JIT does not inline it): the last one whole, its bytes past the run masked off.
     */
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SIZE = 512;
    private static final int SLOT_SHIFT = 64 - Integer.numberOfTrailingZeros(SIZE); // top bits
    private static final int MAX_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 20; // types and models repeat; ids (36) do not
    private final long[][] keys = new long[SIZE][]; // a run's words, JsonBytes.word of each 8 bytes
    private final int[] lengths = new int[SIZE];
    private final String[] values = new String[SIZE];

    /** The string of the plain ASCII bytes {@code b[from, to)}, made once while it stays cached. */
    String plain(byte[] b, int from, int to) {
      int n = to - from;
      if (n > MAX_LENGTH) {
        return new String(b, from, n, StandardCharsets.ISO_8859_1);
      }
      long h = n;
      if (to + 8 <= b.length) { // the usual case: whole words loaded, the last one's tail masked
        int k = from;
        for (; k + 8 <= to; k += 8) {
          h = (h ^ (long) LONGS.get(b, k)) * 0x9E3779B97F4A7C15L;
        }
        if (k < to) {
          h = (h ^ lastWord(b, k, to)) * 0x9E3779B97F4A7C15L;
        }
      } else {
        for (int k = from; k < to; k += 8) {
          h = (h ^ JsonBytes.word(b, k, Math.min(8, to - k))) * 0x9E3779B97F4A7C15L;
        }
      }
      int slot = (int) (h >>> SLOT_SHIFT);
      long[] key = keys[slot];
      if (key != null && lengths[slot] == n && sameWords(key, b, from, to)) {
        return values[slot];
      }
      // interned: the switches on field names then match by identity, without comparing bytes
      String s = new String(b, from, n, StandardCharsets.ISO_8859_1).intern();
      key = new long[(n + 7) >>> 3];
      for (int w = 0, k = from; k < to; w++, k += 8) {
        key[w] = JsonBytes.word(b, k, Math.min(8, to - k));
      }
      keys[slot] = key;
      lengths[slot] = n;
      values[slot] = s;
      return s;
    }

    /**
     * The one to seven bytes {@code b[k, to)} as {@link JsonBytes#word} gives them, loaded as a
     * whole word whose bytes past {@code to} are masked off; {@code k + 8} must be within {@code
     * b}. Small enough for the client JIT to inline.
     */
    private static long lastWord(byte[] b, int k, int to) {
      return (long) LONGS.get(b, k) & ((1L << ((to - k) << 3)) - 1);
    }

    private static boolean sameWords(long[] key, byte[] b, int from, int to) {
      if (to + 8 <= b.length) { // as in plain
        int w = 0;
        int k = from;
        for (; k + 8 <= to; w++, k += 8) {
          if (key[w] != (long) LONGS.get(b, k)) {
            return false;
          }
        }
        return k == to || key[w] == lastWord(b, k, to);
      }
      for (int w = 0, k = from; k < to; w++, k += 8) {
        if (key[w] != JsonBytes.word(b, k, Math.min(8, to - k))) {
          return false;
        }
      }
      return true;
    }
  }
}
