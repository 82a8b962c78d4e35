package dev.tokensieve.web.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * Which sessions a caller may see: all of them, those it uploaded (an owner), or those of some
 * teams. Every read of the store takes one, so that a session outside it can be neither listed,
 * opened, compared nor streamed.
 *
 * @param all every session
 * @param owner the sessions uploaded by this owner, if given
 * @param teams the sessions of these teams
 */
public record Visibility(boolean all, @Nullable String owner, Set<String> teams) {
  /** Every session: an admin, or a server without tokens. */
  public static final Visibility ALL = new Visibility(true, null, Set.of());

  /** Copies the teams. */
  public Visibility {
    teams = Set.copyOf(teams);
  }

  /** The sessions {@code owner} uploaded. */
  public static Visibility ownedBy(String owner) {
    return new Visibility(false, owner, Set.of());
  }

  /** The sessions of {@code teams}. */
  public static Visibility teams(Collection<String> teams) {
    return new Visibility(false, null, new TreeSet<>(teams));
  }

  /** Whether a session of {@code team} uploaded by {@code owner} is visible. */
  public boolean sees(@Nullable String team, @Nullable String owner) {
    return all
        || (this.owner != null && this.owner.equals(owner))
        || (team != null && teams.contains(team));
  }

  /** The filter that selects the visible documents (sessions and findings), or null for all. */
  @Nullable Query filter() {
    if (all) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (owner != null) {
      b.add(new TermQuery(new Term(SessionFields.OWNER, owner)), Occur.SHOULD);
    }
    for (String t : List.copyOf(teams)) {
      b.add(new TermQuery(new Term(SessionFields.TEAM, t)), Occur.SHOULD);
    }
    b.setMinimumNumberShouldMatch(1);
    return b.build();
  }
}
