package dev.tokensieve.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.web.auth.Guard;
import dev.tokensieve.web.auth.Principal;
import dev.tokensieve.web.auth.Role;
import dev.tokensieve.web.store.Attribution;
import dev.tokensieve.web.store.IngestResult;
import dev.tokensieve.web.store.SessionPage;
import dev.tokensieve.web.store.SessionQuery;
import dev.tokensieve.web.store.SessionStore;
import dev.tokensieve.web.store.UploadFile;
import dev.tokensieve.web.store.UploadRejectedException;
import dev.tokensieve.web.store.UploadRejectedException.Reason;
import dev.tokensieve.web.store.Uploader;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/sessions} (upload), {@code GET /api/v1/sessions} (search) and {@code GET
 * /api/v1/sessions/{id}} (one report).
 *
 * <p>Upload rules: multipart parts named {@code file} ({@code .jsonl}, {@code .json}, {@code .gz},
 * or a {@code .zip} of many) with optional form fields {@code team}, {@code user}, {@code repo}; or
 * a raw body with {@code ?name=x.jsonl} (and the same fields as query parameters). The answer is
 * 201 with the sessions stored and the problems met, or 200 if every file had been stored before
 * with the same attribution (nothing changed). A file that is not a trace (415), over a limit
 * (413), or that yields no session because it is malformed (422) rejects the whole upload with
 * {@code {"error", "file", "line"}}, and nothing is stored; a malformed line inside a file that
 * still yields sessions is reported in {@code problems} and the sessions are stored.
 */
public final class SessionsController {
  private final SessionStore store;
  private final ObjectMapper mapper;

  /** A controller over {@code store}, writing JSON with {@code mapper}. */
  public SessionsController(SessionStore store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
  }

  /** Stores the uploaded traces. */
  public void upload(Context ctx) throws IOException {
    Principal who = Guard.principal(ctx);
    Path work = store.newWorkDir();
    try {
      List<UploadFile> files = new ArrayList<>();
      Attribution attribution;
      if (ctx.isMultipartFormData()) {
        attribution =
            new Attribution(ctx.formParam("team"), ctx.formParam("user"), ctx.formParam("repo"));
        int i = 0;
        for (UploadedFile u : ctx.uploadedFiles("file")) {
          Path target =
              Files.createDirectories(work.resolve(Integer.toString(i++)))
                  .resolve(UploadFile.safeFileName(u.filename()));
          try (InputStream in = u.content()) {
            copyWithin(in, target, u.filename());
          }
          files.add(new UploadFile(u.filename(), target));
        }
        if (files.isEmpty()) {
          throw new UploadRejectedException(
              Reason.BAD_REQUEST, "no multipart part named file in the upload", null, 0);
        }
      } else {
        String name =
            ctx.queryParamAsClass("name", String.class)
                .check(n -> !n.isBlank(), "name must name the uploaded file")
                .get();
        attribution =
            new Attribution(ctx.queryParam("team"), ctx.queryParam("user"), ctx.queryParam("repo"));
        Path target =
            Files.createDirectories(work.resolve("body")).resolve(UploadFile.safeFileName(name));
        try (InputStream in = ctx.bodyInputStream()) {
          copyWithin(in, target, name);
        }
        files.add(new UploadFile(name, target));
      }
      IngestResult r = store.ingest(files, teamChecked(attribution, who), uploader(who));
      ctx.status(r.stored() > 0 ? 201 : 200)
          .json(
              new Views.Upload(
                  Views.trees(mapper, r.sessions()),
                  r.stored(),
                  r.unchanged(),
                  Views.Problem.of(r.problems())));
    } finally {
      delete(work);
    }
  }

  /** The store's record of who uploads: an uploader owns what it uploads. */
  static Uploader uploader(Principal who) {
    return new Uploader(who.owner(), who.role() == Role.ADMIN, who.uploadedBy());
  }

  /**
   * The attribution, with an uploader's team checked: a token granted teams may upload only for
   * them (its first team when the upload names none).
   */
  static Attribution teamChecked(Attribution a, Principal who) {
    if (who.role() != Role.UPLOADER || who.teams().isEmpty()) {
      return a;
    }
    if (a.team() == null) {
      return new Attribution(who.teams().get(0), a.user(), a.repo());
    }
    if (!who.teams().contains(a.team())) {
      throw new ForbiddenResponse(
          "this token may upload for the teams " + who.teams() + ", not for " + a.team());
    }
    return a;
  }

  /** Copies an upload to disk, stopping at the first byte over the size limit. */
  private void copyWithin(InputStream in, Path target, String name) throws IOException {
    long limit = store.limits().maxFileBytes();
    long total = 0;
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > limit) {
          throw new UploadRejectedException(
              Reason.TOO_LARGE,
              String.format(
                  Locale.ROOT, "file is over the limit of %d bytes (maxFileBytes)", limit),
              name,
              0);
        }
        out.write(buf, 0, n);
      }
    }
  }

  /** The sessions matching the filters, a page at a time. */
  public void list(Context ctx) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String f : SessionStore.FILTERS) {
      String v = Params.text(ctx, f);
      if (v != null) {
        filters.put(f, v);
      }
    }
    String sort =
        ctx.queryParamAsClass("sort", String.class)
            .check(s -> s.equals("time") || s.equals("cost"), "sort must be time or cost")
            .getOrDefault("time");
    SessionQuery q =
        new SessionQuery(
            filters,
            Params.time(ctx, "from"),
            Params.time(ctx, "to"),
            Params.text(ctx, "q"),
            sort.equals("cost") ? SessionQuery.Sort.COST : SessionQuery.Sort.TIME,
            Params.limit(ctx, 50),
            Params.text(ctx, "cursor"));
    SessionPage page = store.search(q, Guard.principal(ctx).visibility());
    ctx.json(
        new Views.SessionList(Views.trees(mapper, page.sessions()), page.total(), page.next()));
  }

  /** One session as {@code tokensieve.report/v1}, with its request lines. */
  public void show(Context ctx) {
    String id = ctx.pathParam("id");
    String json =
        store
            .report(id, Guard.principal(ctx).visibility())
            .orElseThrow(() -> new NotFoundResponse("no session with id " + id));
    ctx.contentType("application/json").result(json);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary file is harmless
    }
  }
}
