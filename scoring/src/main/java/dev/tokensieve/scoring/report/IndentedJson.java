package dev.tokensieve.scoring.report;

import java.util.Arrays;

/**
 * Writes JSON text into a buffer in exactly the layout of Jackson's {@code DefaultPrettyPrinter}
 * with Jackson's default string escaping: the fast way to render a session of an indented report.
 *
 * <p>Hot: every session of {@code analyze --json} is rendered once, on the thread that analysed it.
 * Through Jackson's generator and pretty printer that was a sixth of the analysis threads' CPU,
 * most of it in per-call bookkeeping (write contexts, the printer's callbacks, escaping every field
 * name) rather than in copying text. This keeps a small stack of open containers and appends. The
 * generator is the reference: ReportJsonTest and IndentedJsonTest check the two write the same
 * text.
 *
 * <p>The layout: an object's entries each on their own line, indented two spaces a level, {@code
 * "name" : value}, separated by {@code ,}; an empty object is <code>{ }</code>; an array stays on
 * its line, {@code [ a, b ]}, and an empty one is {@code [ ]}; arrays add no indentation level.
 */
final class IndentedJson extends JsonText {
  /* What Jackson's DefaultIndenter writes before each line's indentation. */
  private static final String LINE_FEED = System.lineSeparator();

  /* The escapes Jackson writes for the ASCII characters it escapes; 0 where it writes \\u00XX. */
  private static final char[] SHORT_ESCAPES = new char[128];

  static {
    SHORT_ESCAPES['"'] = '"';
    SHORT_ESCAPES['\\'] = '\\';
    SHORT_ESCAPES['\b'] = 'b';
    SHORT_ESCAPES['\t'] = 't';
    SHORT_ESCAPES['\f'] = 'f';
    SHORT_ESCAPES['\n'] = 'n';
    SHORT_ESCAPES['\r'] = 'r';
  }

  private static final String HEX = "0123456789ABCDEF";

  /* A line feed and the indentation of each nesting a report reaches. */
  private static final String[] NEW_LINES = new String[8];

  static {
    for (int i = 0; i < NEW_LINES.length; i++) {
      NEW_LINES[i] = LINE_FEED + "  ".repeat(i);
    }
  }

  /* Field names seen lately, by hash (see name). */
  private static final Name[] NAMES = new Name[256];

  private final StringBuilder out;
  private int nesting; // objects open (arrays are inline), as the pretty printer counts them
  private boolean[] isArray = new boolean[8]; // per open container, innermost at top
  private int[] entries = new int[8];
  private int top = -1;

  /** A writer whose root value starts {@code nesting} object levels deep. */
  IndentedJson(StringBuilder out, int nesting) {
    this.out = out;
    this.nesting = nesting;
  }

  @Override
  void startObject() {
    beforeValue();
    open(false);
  }

  @Override
  void startObject(String name) {
    name(name);
    open(false);
  }

  @Override
  void endObject() {
    nesting--;
    if (entries[top--] > 0) {
      newLine();
    } else {
      out.append(' ');
    }
    out.append('}');
  }

  @Override
  void startArray(String name) {
    name(name);
    open(true);
  }

  @Override
  void endArray() {
    top--;
    out.append(" ]");
  }

  @Override
  void string(String value) {
    beforeValue();
    quoted(value);
  }

  @Override
  void field(String name, String value) {
    name(name);
    quoted(value);
  }

  @Override
  void field(String name, long value) {
    name(name);
    out.append(value);
  }

  @Override
  void field(String name, boolean value) {
    name(name);
    out.append(value);
  }

  @Override
  void nullField(String name) {
    name(name);
    out.append("null");
  }

  @Override
  void numberField(String name, String number) {
    name(name);
    out.append(number);
  }

  private void open(boolean array) {
    out.append(array ? '[' : '{');
    if (!array) {
      nesting++;
    }
    if (++top == entries.length) {
      entries = Arrays.copyOf(entries, top * 2);
      isArray = Arrays.copyOf(isArray, top * 2);
    }
    entries[top] = 0;
    isArray[top] = array;
  }

  /** The separator before an array's element; nothing before the root value. */
  private void beforeValue() {
    if (top >= 0 && isArray[top]) {
      out.append(entries[top]++ == 0 ? " " : ", ");
    }
  }

  /** An object entry's separator, line and name, up to its value. */
  private void name(String name) {
    if (entries[top]++ > 0) {
      out.append(',');
    }
    newLine();
    /*
     * Field names are the report's few dozen constants: each is quoted once and kept in a slot
     * picked by its (cached) hash, found again by identity instead of scanned for escapes. A slot
     * holds an immutable Name, so threads that race on one at worst quote a name again.
     */
    int slot = name.hashCode() & (NAMES.length - 1);
    Name known = NAMES[slot];
    if (known != null && known.name == name) {
      out.append(known.quoted);
    } else {
      int at = out.length();
      quoted(name);
      out.append(" : ");
      NAMES[slot] = new Name(name, out.substring(at));
    }
  }

  /** A field name, and its text up to the value: quoted, then {@code " : "}. */
  private record Name(String name, String quoted) {}

  private void newLine() {
    if (nesting < NEW_LINES.length) {
      out.append(NEW_LINES[nesting]);
    } else {
      out.append(LINE_FEED);
      for (int i = 0; i < nesting; i++) {
        out.append("  ");
      }
    }
  }

  /** {@code s} as a JSON string: control characters, quote and backslash escaped, as Jackson. */
  private void quoted(String s) {
    out.append('"');
    int n = s.length();
    int i = 0;
    while (i < n && !needsEscape(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      out.append(s); // one array copy; append(s, from, to) copies a character at a time
    } else {
      escaped(s, i);
    }
    out.append('"');
  }

  private void escaped(String s, int first) {
    out.append(s, 0, first);
    int from = first;
    for (int i = first; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (needsEscape(ch)) {
        out.append(s, from, i);
        from = i + 1;
        out.append('\\');
        char escape = SHORT_ESCAPES[ch];
        if (escape != 0) {
          out.append(escape);
        } else {
          out.append("u00").append(HEX.charAt(ch >> 4)).append(HEX.charAt(ch & 0xF));
        }
      }
    }
    out.append(s, from, s.length());
  }

  private static boolean needsEscape(char ch) {
    return ch < ' ' || ch == '"' || ch == '\\';
  }
}
