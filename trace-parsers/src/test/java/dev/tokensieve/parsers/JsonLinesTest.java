package dev.tokensieve.parsers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        int size = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(40);
        text.append("{\"s\":\"").append("x".repeat(size)).append("\"}");
        if (i < n - 1 || random.nextBoolean()) {
          text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        if (random.nextInt(6) == 0) {
          text.append('\n'); // a blank line
        }
      }
      byte[] bytes = text.toString().getBytes(UTF_8);
      List<String> expected = reference(text.toString());
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
