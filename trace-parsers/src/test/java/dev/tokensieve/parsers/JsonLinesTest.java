package dev.tokensieve.parsers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class JsonLinesTest {

  @Test
  void lines_equalASplitOnLineBreaks_heldOrStreamed_wholeOrInDribbles() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      String text = randomLines(random, false);
      byte[] bytes = text.getBytes(UTF_8);
      List<String> expected = reference(text);
      for (int maxHeld : new int[] {16, 1000, JsonLines.MAX_HELD}) {
        assertThat(read(new ByteArrayInputStream(bytes), maxHeld))
            .as("round %d, maxHeld %d", round, maxHeld)
            .isEqualTo(expected);
        assertThat(read(dribble(bytes, random.nextInt(7) + 1), maxHeld))
            .as("round %d, maxHeld %d, in dribbles", round, maxHeld)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void nextStart_givesTheSameLines_whetherTheReaderFindsTheirEndsOrAsksFindEnd()
      throws IOException {
    Random random = new Random(13);
    for (int round = 0; round < 200; round++) {
      String text = randomLines(random, true);
      byte[] bytes = text.getBytes(UTF_8);
      List<String> expected = reference(text);
      for (int maxHeld : new int[] {16, 1000, JsonLines.MAX_HELD}) {
        for (InputStream in :
            List.of(new ByteArrayInputStream(bytes), dribble(bytes, random.nextInt(7) + 1))) {
          JsonLines lines = new JsonLines(in, maxHeld);
          List<String> got = new ArrayList<>();
          long read = 0;
          while (lines.nextStart()) {
            assertThat(lines.isHeld()).isTrue();
            int lineBreak = -1; // what a reader that parses the line would find, or not
            for (int k = lines.start(); k < lines.limit(); k++) {
              if (lines.array()[k] == '\n') {
                lineBreak = k;
                break;
              }
            }
            if (lineBreak >= 0 && random.nextInt(4) > 0) {
              lines.endAt(lineBreak);
            } else {
              lines.findEnd();
            }
            got.add(lines.lineNumber() + ":" + lineText(lines));
            read++;
          }
          assertThat(got).as("round %d, maxHeld %d", round, maxHeld).isEqualTo(expected);
          assertThat(read).isEqualTo(expected.size());
          assertThat(lines.bytesRead()).isEqualTo(bytes.length);
        }
      }
    }
  }

  @Test
  void endAt_refusesAnythingButTheCurrentLinesBreak() throws IOException {
    JsonLines lines = new JsonLines(new ByteArrayInputStream("{}\n[1]\n".getBytes(UTF_8)));
    assertThat(lines.nextStart()).isTrue();
    assertThatThrownBy(() -> lines.endAt(1)).isInstanceOf(IllegalArgumentException.class);
    lines.endAt(2);
    assertThatThrownBy(() -> lines.endAt(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(lines::findEnd).isInstanceOf(IllegalStateException.class);
    assertThat(lines.nextStart()).isTrue();
    lines.findEnd();
    assertThat(new String(lines.array(), lines.start(), lines.end() - lines.start(), UTF_8))
        .isEqualTo("[1]");
    assertThat(lines.nextStart()).isFalse();
  }

  @Test
  void aBufferPassedOn_readsEachStreamAsAFreshOne_evenAfterGrowing() throws IOException {
    String first = "{\"a\":\"" + "z".repeat(70_000) + "\"}\n{\"b\":1}\n"; // grows a 64 KB buffer
    String second = "{\"c\":2}\n{\"d\":\"tail\"}";
    byte[] buffer = new byte[8];
    List<String> lines = new ArrayList<>();
    for (String text : new String[] {first, second, first}) {
      JsonLines reader = new JsonLines(new ByteArrayInputStream(text.getBytes(UTF_8)), buffer);
      List<String> these = new ArrayList<>();
      while (reader.next()) {
        these.add(reader.lineNumber() + ":" + lineText(reader));
      }
      assertThat(these).isEqualTo(reference(text));
      buffer = reader.array();
      lines.addAll(these);
    }
    assertThat(buffer.length).isGreaterThan(70_000); // the grown buffer was passed on
    assertThat(lines).hasSize(6);
  }

  @Test
  void next_afterAnUnreadLine_skipsItWhetherHeldOrStreamed() throws IOException {
    byte[] bytes = ("{\"a\":\"" + "y".repeat(5000) + "\"}\n{\"b\":2}\n").getBytes(UTF_8);
    for (int maxHeld : new int[] {64, JsonLines.MAX_HELD}) {
      JsonLines lines = new JsonLines(new ByteArrayInputStream(bytes), maxHeld);
      assertThat(lines.next()).isTrue();
      assertThat(lines.isHeld()).isEqualTo(maxHeld > 5000);
      try (JsonParser p = lines.parser()) {
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT); // and no further
      }
      assertThat(lines.next()).isTrue();
      assertThat(lines.lineNumber()).isEqualTo(2);
      assertThat(lineText(lines)).isEqualTo("{ b 2 }");
      assertThat(lines.next()).isFalse();
      assertThat(lines.bytesRead()).isEqualTo(bytes.length);
    }
  }

  @Test
  void heldLine_isTheLinesBytesInTheArray() throws IOException {
    JsonLines lines = new JsonLines(new ByteArrayInputStream("{}\n[1]\n".getBytes(UTF_8)));
    assertThat(lines.next()).isTrue();
    assertThat(lines.next()).isTrue();
    assertThat(lines.isHeld()).isTrue();
    assertThat(new String(lines.array(), lines.start(), lines.end() - lines.start(), UTF_8))
        .isEqualTo("[1]");
  }

  /**
   * Up to eleven lines of {@code {"s":"xxx"}}, short or up to 3,000 bytes (and, if {@code long}, 10
   * to 70 KB: past what nextStart reads ahead, or the whole first buffer), ended by {@code \n} or
   * {@code \r\n} (the last maybe not), some followed by a blank line.
   */
  private static String randomLines(Random random, boolean longOnes) {
    StringBuilder text = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      int size =
          switch (random.nextInt(longOnes ? 5 : 4)) {
            case 0 -> random.nextInt(3000);
            case 4 -> 10_000 + random.nextInt(60_000);
            default -> random.nextInt(40);
          };
      text.append("{\"s\":\"").append("x".repeat(size)).append("\"}");
      if (i < n - 1 || random.nextBoolean()) {
        text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
      }
      if (random.nextInt(6) == 0) {
        text.append('\n'); // a blank line
      }
    }
    return text.toString();
  }

  /** What each line's parser reads, re-serialised; "" for a blank line. */
  private static List<String> read(InputStream in, int maxHeld) throws IOException {
    List<String> out = new ArrayList<>();
    JsonLines lines = new JsonLines(in, maxHeld);
    while (lines.next()) {
      out.add(lines.lineNumber() + ":" + lineText(lines));
    }
    return out;
  }

  private static String lineText(JsonLines lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (JsonParser p = lines.parser()) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        sb.append(p.getText()).append(' ');
      }
    }
    return sb.toString().trim();
  }

  /** The simple version: split on line breaks, as {@link JsonLines} must. */
  private static List<String> reference(String text) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> parts = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1); // a final line break ends the last line; it starts none
    }
    for (int i = 0; i < parts.size(); i++) {
      StringBuilder sb = new StringBuilder();
      try (JsonParser p = Json.FACTORY.createParser(parts.get(i))) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          sb.append(p.getText()).append(' ');
        }
      }
      out.add((i + 1) + ":" + sb.toString().trim());
    }
    return out;
  }

  /** A stream that returns at most {@code chunk} bytes a read, as pipes and gzip streams do. */
  private static InputStream dribble(byte[] bytes, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
