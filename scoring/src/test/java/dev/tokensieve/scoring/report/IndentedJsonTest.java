package dev.tokensieve.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

final class IndentedJsonTest {
  /** Writes nested objects and arrays, empty and not, and {@code text} in names and values. */
  private static void document(JsonText j, String text) throws IOException {
    j.startObject();
    j.field("name", text);
    j.field("count", -12L);
    j.field("flag", true);
    j.nullField("none");
    j.numberField("usd", "0.250000");
    j.startObject("empty");
    j.endObject();
    j.startArray("nothing");
    j.endArray();
    j.startArray("words");
    j.string(text);
    j.string("b");
    j.endArray();
    j.startArray("objects");
    j.startObject();
    j.field(text, 1L);
    j.startObject("inner");
    j.startArray("deep");
    j.startObject();
    j.endObject();
    j.startObject();
    j.field("x", false);
    j.endObject();
    j.endArray();
    j.endObject();
    j.endObject();
    j.startObject();
    j.endObject();
    j.endArray();
    j.endObject();
  }

  private static String byGenerator(String text) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ReportJson.jsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      document(JsonText.of(g), text);
    }
    return out.toString();
  }

  private static String indented(String text) throws IOException {
    StringBuilder out = new StringBuilder();
    document(new IndentedJson(out, 0), text);
    return out.toString();
  }

  @Test
  void layout_isJacksonsDefaultPrettyPrinters() throws IOException {
    assertThat(indented("a")).isEqualTo(byGenerator("a")).contains("\"empty\" : { },");
  }

  @Test
  void strings_areEscapedAsJacksonEscapesThem() throws IOException {
    StringBuilder every = new StringBuilder("plain ");
    for (char ch = 0; ch < 0x3000; ch++) {
      every.append(ch);
    }
    every.append("\ud83d\ude00 lone \ud800 end\u2028\u2029\uffff");
    for (String text : new String[] {every.toString(), "", "\"", "\\", "a\nb", "é", "\u0000"}) {
      assertThat(indented(text)).as(text).isEqualTo(byGenerator(text));
    }
  }
}
