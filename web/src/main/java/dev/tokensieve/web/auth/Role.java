package dev.tokensieve.web.auth;

import java.util.Locale;

/** What a token may do. */
public enum Role {
  /** Everything: uploads, every session, every team. */
  ADMIN,
  /** Uploads traces and sees the sessions it uploaded. */
  UPLOADER,
  /** Sees the sessions of the teams it is granted; uploads nothing. */
  READER;

  /** The role named {@code name}, in any case. */
  public static Role parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "role must be one of admin, uploader, reader; was " + name, e);
    }
  }

  /** The role as the API and the tokens file spell it. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
