package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HeadReaderTest {
  @Test
  void containsZero_agreesWithTheByteLoop_atEveryPositionAndLength() {
    byte[] bytes = new byte[40];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 2 == 0 ? 0x80 : 0x01); // bytes the word trick must not mistake
    }
    for (int zero = -1; zero < bytes.length; zero++) {
      byte[] b = bytes.clone();
      if (zero >= 0) {
        b[zero] = 0;
      }
      for (int n = 0; n <= b.length; n++) {
        assertThat(HeadReader.containsZero(b, n)).as("zero=%d n=%d", zero, n).isEqualTo(loop(b, n));
      }
    }
    SplittableRandom random = new SplittableRandom(0x5EED_0007L);
    for (int round = 0; round < 2_000; round++) {
      byte[] b = new byte[random.nextInt(1, 100)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt(random.nextBoolean() ? 3 : 256);
      }
      int n = random.nextInt(b.length + 1);
      assertThat(HeadReader.containsZero(b, n)).as("round=%d", round).isEqualTo(loop(b, n));
    }
  }

  private static boolean loop(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void open_readsAsFarAsAsked_thenOnToTheLimitOrTheEnd(@TempDir Path dir) throws IOException {
    byte[] content = new byte[100_000];
    new SplittableRandom(7).nextBytes(content);
    content[0] = '{';
    Path file = Files.write(dir.resolve("t.jsonl"), content);
    try (HeadReader head = new HeadReader()) {
      assertThat(head.open(file, 10)).isEqualTo(100_000);
      assertThat(head.length()).isGreaterThanOrEqualTo(10);
      head.read(TraceFormat.SNIFF_BYTES + 5);
      assertThat(head.length()).isEqualTo(TraceFormat.SNIFF_BYTES);
      assertThat(java.util.Arrays.copyOf(head.bytes(), head.length()))
          .isEqualTo(java.util.Arrays.copyOf(content, TraceFormat.SNIFF_BYTES));

      Path small = Files.writeString(dir.resolve("s.jsonl"), "{}\n");
      assertThat(head.open(small, 100)).isEqualTo(3);
      head.read(TraceFormat.SNIFF_BYTES);
      assertThat(new String(head.bytes(), 0, head.length(), StandardCharsets.UTF_8))
          .isEqualTo("{}\n");
    }
  }

  @Test
  void open_inflatesGzippedFiles_andReportsTheSizeOnDisk(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("t.jsonl.gz");
    String text = "{\"a\":1}\n".repeat(2_000);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    try (HeadReader head = new HeadReader()) {
      assertThat(head.open(gz, 100)).isEqualTo(Files.size(gz));
      head.read(TraceFormat.SNIFF_BYTES);
      assertThat(new String(head.bytes(), 0, head.length(), StandardCharsets.UTF_8))
          .isEqualTo(text);
    }
  }

  @Test
  void open_missingFile_failsAsAFileChannelDoes(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("gone.jsonl");

    try (HeadReader head = new HeadReader()) {
      assertThatThrownBy(() -> head.open(missing, 10))
          .isInstanceOf(java.nio.file.NoSuchFileException.class)
          .hasMessage(missing.toString());
    }
  }
}
