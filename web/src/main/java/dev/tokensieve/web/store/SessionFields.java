package dev.tokensieve.web.store;

import java.util.List;
import org.apache.lucene.facet.FacetsConfig;

/**
 * The index schema: every field name and how it is indexed, in one place.
 *
 * <p>Three kinds of documents share the index, told apart by {@link #TYPE}: one {@code session}
 * document per session (doc id = session id, so re-analysis replaces it), one {@code finding}
 * document per finding and one {@code model} document per model the session used (its share of the
 * sums, for comparing models). Sessions and findings carry a feed sequence number ({@link #SEQ})
 * and the fields the IDE feed filters on, so the feed is a query over the index, not a second
 * store.
 *
 * <p>Money is stored as micro-dollars in {@code long} doc values, so group sums are exact sums of
 * what each session shows.
 */
final class SessionFields {
  private SessionFields() {}

  // --- both kinds of document ---
  /** {@code session} or {@code finding}: StringField. */
  static final String TYPE = "type";

  static final String TYPE_SESSION = "session";
  static final String TYPE_FINDING = "finding";

  /**
   * One document per model a session used, with that model's share of the session's sums (split by
   * each request's model), so that comparing models books every request to its own model.
   */
  static final String TYPE_MODEL = "model";

  /** The document's own id: the session id, or {@code <session id>#<finding index>}. */
  static final String DOC_ID = "docId";

  /** The session a document belongs to: StringField, stored. */
  static final String SESSION_ID = "sessionId";

  /** Feed order: LongPoint + NumericDocValues + stored; grows with every indexed document. */
  static final String SEQ = "seq";

  /** When the document was indexed (epoch millis): stored. */
  static final String INDEXED_AT = "indexedAt";

  /** The feed line: stored. */
  static final String FEED_SUMMARY = "feedSummary";

  /** The feed item's kind: {@code session} or a finding kind; stored. */
  static final String FEED_KIND = "feedKind";

  /** The feed item's label (the dominant label of a session, a finding's label): stored. */
  static final String FEED_LABEL = "feedLabel";

  /** The feed item's cost in micro-dollars: stored. */
  static final String FEED_COST_MICROS = "feedCostMicros";

  /** The session's user and repository as the feed shows them: stored. */
  static final String FEED_USER = "feedUser";

  static final String FEED_REPO = "feedRepo";

  /** The session's team and main model as the feed shows them: stored. */
  static final String FEED_TEAM = "feedTeam";

  static final String FEED_MODEL = "feedModel";

  /**
   * Who uploaded the session (an uploader token's user), {@code (none)} for an admin or an open
   * server: StringField on sessions and findings, stored on sessions; what {@link Visibility}
   * filters on with {@link #TEAM}.
   */
  static final String OWNER = "owner";

  // --- facets and exact filters (StringField + SortedSetDocValuesFacetField on sessions) ---
  static final String TEAM = "team";
  static final String USER = "user";
  static final String REPO = "repo";
  static final String AGENT = "agent";
  static final String OUTCOME = "outcome";

  /** The session's main model (the one it spent most on): a facet, so groups partition sessions. */
  static final String MODEL = "model";

  /** Every model the session used: StringField, multi-valued, for the {@code model} filter. */
  static final String MODELS = "models";

  /** The labels the session has spend under: StringField + facet, multi-valued. */
  static final String LABEL = "label";

  /** The dimensions a comparison may group by. */
  static final List<String> GROUP_DIMS = List.of(TEAM, USER, REPO, MODEL, AGENT, OUTCOME);

  /** The key of a facet dimension whose value the session does not have. */
  static final String NONE = "(none)";

  // --- session numbers: NumericDocValues (and LongPoint where ranges are queried) ---
  /** Start time, epoch millis: LongPoint + NumericDocValues (sort) + stored. */
  static final String STARTED_AT = "startedAt";

  static final String COST_MICROS = "costMicros";
  static final String TOKENS = "tokens";
  static final String REQUESTS = "requests";
  static final String PRODUCTIVE_MICROS = "productiveMicros";
  static final String INEFFICIENT_MICROS = "inefficientMicros";
  static final String WASTEFUL_MICROS = "wastefulMicros";
  static final String PRODUCTIVE_TOKENS = "productiveTokens";
  static final String INEFFICIENT_TOKENS = "inefficientTokens";
  static final String WASTEFUL_TOKENS = "wastefulTokens";

  /** 1 if the outcome is SUCCESS, else 0: summed for the success rate. */
  static final String SUCCESSES = "successes";

  /** 1 if the outcome is FAILURE, else 0. */
  static final String FAILURES = "failures";

  /** The numbers a group sums, in the order {@code GroupSums} holds them. */
  static final List<String> SUMMED =
      List.of(
          COST_MICROS,
          TOKENS,
          REQUESTS,
          PRODUCTIVE_MICROS,
          INEFFICIENT_MICROS,
          WASTEFUL_MICROS,
          PRODUCTIVE_TOKENS,
          INEFFICIENT_TOKENS,
          WASTEFUL_TOKENS,
          SUCCESSES,
          FAILURES);

  /** The session id as SortedDocValues: the tie-breaker that makes paging cursors stable. */
  static final String ID_SORT = "idSort";

  // --- text and bodies ---
  /** Free text: commands (tool call targets), findings' summaries and evidence, project, id. */
  static final String TEXT = "text";

  /** The sha-256 of each raw file the session was read from: StringField, stored, multi. */
  static final String RAW = "raw";

  /** The session as {@code tokensieve.report/v1} JSON, with request lines: stored. */
  static final String REPORT = "report";

  /** The session's summary JSON for lists: stored. */
  static final String SUMMARY = "summary";

  /** The facets configuration: every dimension is flat; labels are multi-valued. */
  static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(LABEL, true);
    return config;
  }
}
