package dev.tokensieve.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every 4xx and 5xx answer: {@code {"error": ..., "file": ..., "line": ...}}; the file
 * and line appear when the error concerns an uploaded file.
 *
 * @param error what was wrong
 * @param file the file, as the user named it
 * @param line the 1-based line, or 0 for the whole file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, @Nullable String file, @Nullable Long line) {
  /** An error about the request, not a file. */
  public static ApiError of(String error) {
    return new ApiError(error, null, null);
  }
}
