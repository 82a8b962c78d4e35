package dev.tokensieve.web.store;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Sums numeric doc values over the documents a query matches: {@code sums[0]} is the number of
 * documents, {@code sums[1 + i]} the sum of {@code fields[i]}.
 */
final class Sums implements CollectorManager<Sums.Collector, long[]> {
  private final List<String> fields;

  Sums(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  @Override
  public Collector newCollector() {
    return new Collector();
  }

  @Override
  public long[] reduce(Collection<Collector> collectors) {
    long[] out = new long[fields.size() + 1];
    for (Collector c : collectors) {
      for (int i = 0; i < out.length; i++) {
        out[i] += c.sums[i];
      }
    }
    return out;
  }

  final class Collector extends SimpleCollector {
    final long[] sums = new long[fields.size() + 1];
    private final NumericDocValues[] values = new NumericDocValues[fields.size()];

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      for (int i = 0; i < values.length; i++) {
        values[i] = DocValues.getNumeric(context.reader(), fields.get(i));
      }
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      sums[0]++;
      for (int i = 0; i < values.length; i++) {
        if (values[i].advanceExact(doc)) {
          sums[i + 1] += values[i].longValue();
        }
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
