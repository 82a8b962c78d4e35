/**
 * The TokenSieve web app: {@link dev.tokensieve.web.WebApp} serves the JSON API under {@code
 * /api/v1}, the IDE feed and the UI from one Javalin server over a {@link
 * dev.tokensieve.web.store.SessionStore}.
 */
@NullMarked
package dev.tokensieve.web;

import org.jspecify.annotations.NullMarked;
