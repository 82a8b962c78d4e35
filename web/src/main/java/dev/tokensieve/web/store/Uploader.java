package dev.tokensieve.web.store;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Who makes an upload, as the store records it.
 *
 * @param owner the owner its sessions get (an uploader token's user), or null for an admin
 * @param admin whether it may replace or re-attribute sessions that others uploaded
 * @param recordedAs how the raw files' records name it ({@code alice (3f2a9c01)})
 */
public record Uploader(@Nullable String owner, boolean admin, String recordedAs) {
  /** A server without tokens: everyone is an admin. */
  public static final Uploader OPEN = new Uploader(null, true, "open");

  /** Requires {@code recordedAs}. */
  public Uploader {
    requireNonNull(recordedAs, "recordedAs");
  }
}
