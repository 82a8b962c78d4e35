/**
 * Who may do what: API tokens (hashed at rest in {@code DATA/tokens.json}), their roles, and the
 * guard that checks every API request's token, {@code Host} and {@code Origin}.
 */
@NullMarked
package dev.tokensieve.web.auth;

import org.jspecify.annotations.NullMarked;
