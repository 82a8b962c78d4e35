package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IoProblemsTest {
  @Test
  void describe_saysWhatWentWrong_withoutTheFileOrTheExceptionClass() {
    assertThat(IoProblems.describe(new AccessDeniedException("/x/y")))
        .isEqualTo("permission denied");
    assertThat(IoProblems.describe(new FileSystemLoopException("/x/y")))
        .isEqualTo("a symbolic link back to a folder above it (a loop): not followed");
    assertThat(IoProblems.describe(new EOFException()))
        .isEqualTo("ends in the middle: the file is truncated");
    assertThat(IoProblems.describe(new ZipException("Not in GZIP format")))
        .isEqualTo("damaged gzip data (not in GZIP format)");
    assertThat(IoProblems.describe(new FileSystemException("/x/y", null, "Is a directory")))
        .isEqualTo("is a directory");
    assertThat(IoProblems.describe(new UncheckedIOException(new AccessDeniedException("/x"))))
        .isEqualTo("permission denied");
    assertThat(IoProblems.describe(new IOException())).isEqualTo("read error");
  }

  @Test
  void aTruncatedGzipTrace_isAProblemInPlainWords(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("s.jsonl.gz");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(
          ("{\"type\":\"assistant\",\"sessionId\":\"s\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n")
              .repeat(2000)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));

    ScanSummary summary = TraceScanner.create().scan(java.util.List.of(gz), s -> {});

    assertThat(summary.problems())
        .extracting(p -> p.toString())
        .allSatisfy(m -> assertThat(m).doesNotContain("Exception").doesNotContain("java."))
        .anySatisfy(m -> assertThat(m).contains("truncated"));
  }
}
