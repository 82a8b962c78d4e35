package dev.tokensieve.parsers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The one shared, thread-safe Jackson factory every parser uses, with limits set on purpose. */
public final class Json {
  /**
   * The longest string value accepted: 256 MiB. Tool outputs of tens of megabytes on one line are
   * real (a {@code cat} of a log, a base64 image); Jackson's default of 20 MB would reject them.
   */
  public static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;

  /**
   * The deepest nesting accepted: 512. Real traces nest under 30 levels; a deeper document is
   * hostile or broken, and the limit keeps a crafted one from exhausting the stack.
   */
  public static final int MAX_NESTING_DEPTH = 512;

  /** The longest number accepted, in characters: token counts and costs are short. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** Shared by every parser; thread-safe. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();

  private Json() {}
}
