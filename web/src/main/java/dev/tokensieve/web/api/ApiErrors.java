package dev.tokensieve.web.api;

import dev.tokensieve.web.store.ReindexNeededException;
import dev.tokensieve.web.store.UploadRejectedException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become HTTP answers, all with an {@link ApiError} body. */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** The HTTP status of an upload refused for {@code reason}. */
  static int status(UploadRejectedException.Reason reason) {
    switch (reason) {
      case NOT_A_TRACE:
        return 415;
      case TOO_LARGE:
        return 413;
      case MALFORMED:
        return 422;
      case CONFLICT:
        return 409;
      default:
        return 400;
    }
  }

  /** Registers the mappings on {@code app}. */
  public static void register(Javalin app) {
    app.exception(
        UploadRejectedException.class,
        (e, ctx) -> {
          LOG.info("upload rejected: {} ({}:{})", e.getMessage(), e.file(), e.line());
          ctx.status(status(e.reason()))
              .json(new ApiError(e.getMessage(), e.file(), e.file() == null ? null : e.line()));
        });
    app.exception(
        ValidationException.class,
        (e, ctx) -> ctx.status(400).json(ApiError.of(validationMessage(e.getErrors()))));
    app.exception(
        ReindexNeededException.class,
        (e, ctx) -> ctx.status(409).json(ApiError.of(String.valueOf(e.getMessage()))));
    app.exception(
        IllegalArgumentException.class,
        (e, ctx) -> ctx.status(400).json(ApiError.of(String.valueOf(e.getMessage()))));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> ctx.status(e.getStatus()).json(ApiError.of(e.getMessage())));
    app.exception(
        IllegalStateException.class,
        (e, ctx) -> {
          // Jetty reports a multipart part over its size limit this way
          String m = String.valueOf(e.getMessage());
          if (m.contains("exceeds max filesize") || m.contains("exceeds max request size")) {
            ctx.status(413).json(ApiError.of("upload is over the size limit: " + m));
          } else {
            LOG.error("request failed: {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(ApiError.of("internal error: " + m));
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request failed: {} {}", ctx.method(), ctx.path(), e);
          ctx.status(500).json(ApiError.of("internal error: " + e));
        });
    app.error(
        404,
        ctx -> {
          if (ctx.path().startsWith("/api/") && ctx.result() == null) {
            ctx.json(ApiError.of("no such endpoint: " + ctx.method() + " " + ctx.path()));
          }
        });
  }

  private static String validationMessage(Map<String, List<ValidationError<Object>>> errors) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<ValidationError<Object>>> e : errors.entrySet()) {
      for (ValidationError<Object> err : e.getValue()) {
        if (b.length() > 0) {
          b.append("; ");
        }
        String msg = err.getMessage();
        if (msg.equals("TYPE_CONVERSION_FAILED") || msg.equals("NULLCHECK_FAILED")) {
          msg =
              (msg.equals("NULLCHECK_FAILED") ? "is required" : "is malformed")
                  + (err.getValue() == null ? "" : ", was " + err.getValue());
          b.append(e.getKey()).append(' ').append(msg);
        } else {
          b.append(msg);
        }
      }
    }
    return b.toString();
  }
}
