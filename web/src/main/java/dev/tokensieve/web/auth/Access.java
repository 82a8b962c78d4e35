package dev.tokensieve.web.auth;

import io.javalin.security.RouteRole;

/** What a route needs; every API route names one in {@code Routes}. */
public enum Access implements RouteRole {
  /** Anyone: the health check and the sign-in check. */
  PUBLIC,
  /** Any valid token; what it sees is limited by its role ({@link Principal#visibility()}). */
  READ,
  /** A token that may upload: admin or uploader. */
  UPLOAD
}
