package dev.tokensieve.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CallIdSetTest {
  @Test
  void add_answersAsHashSetDoes_withCollidingHashesAndGrowth() {
    long seed = 0x5EED_0007L;
    SplittableRandom random = new SplittableRandom(seed);
    CallIdSet set = new CallIdSet();
    Set<String> reference = new HashSet<>();
    for (int n = 0; n < 30_000; n++) {
      String id;
      int kind = random.nextInt(8);
      if (kind == 0) {
        // hash 0 ("" and runs of NUL) and hash 1
        id = List.of("", "\u0000", "\u0000\u0000", "\u0001", "\u0000\u0001").get(random.nextInt(5));
      } else if (kind < 3) {
        // "Aa" and "BB" hash alike: ids made of them collide whole
        StringBuilder b = new StringBuilder("msg_");
        for (int k = 0; k < 6; k++) {
          b.append(random.nextBoolean() ? "Aa" : "BB");
        }
        id = b.toString();
      } else {
        id = "msg_" + random.nextInt(8_000) + ":req_" + random.nextInt(3);
      }
      // a fresh string each time, as parsers make them: equal ids are not the same object
      id = new String(id.toCharArray());

      assertThat(set.add(id, id.hashCode()))
          .as("seed=%d id=%s", seed, id)
          .isEqualTo(reference.add(id));
    }
    assertThat(set.size()).isEqualTo(reference.size()).isGreaterThan(8_000);
  }
}
