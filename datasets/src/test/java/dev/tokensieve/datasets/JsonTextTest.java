package dev.tokensieve.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "",
        "line\nbreak\ttab\r",
        "quote \" and \\ backslash",
        "ctrl \u0001\u001f\b\f",
        "     1\u2192def refund():\n",
        "emoji \uD83D\uDE00 and \u00e9"
      })
  void escape_roundTripsThroughAJsonParser(String text) throws Exception {
    byte[] e = JsonText.escape(text);
    String json = "\"" + new String(e, StandardCharsets.UTF_8) + "\"";
    assertThat(new ObjectMapper().readValue(json, String.class)).isEqualTo(text);
  }

  @Test
  void escape_usesShortFormsAndUnicodeEscapes() {
    assertThat(new String(JsonText.escape("a\n\"\u0001"), StandardCharsets.UTF_8))
        .isEqualTo("a\\n\\\"\\u0001");
  }
}
