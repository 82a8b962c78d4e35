package dev.tokensieve.parsers;

/**
 * The request call ids a {@link Corpus} run has delivered: a set of strings whose hashes the caller
 * gives, for the de-duplication that must run on the one delivering thread.
 *
 * <p>It replaced a {@code HashSet<String>} that took an eighth of that thread's samples on a 500 MB
 * corpus: adding an id read the id's string (to hash it) and its request, both made on a parsing
 * thread and so cold in this core's cache. Here the ids and their hashes come in arrays a parsing
 * thread filled ({@link Corpus.CallIds}), the hashes live in this table, and an id's string is read
 * only when its hash matches one already here, which is mostly when it is a duplicate. Open
 * addressing with linear probing, at most half full. Not thread-safe. CallIdSetTest checks it
 * answers as {@code HashSet.add} does.
 */
final class CallIdSet {
  private int[] hashes = new int[1 << 10];
  private String[] ids = new String[1 << 10];
  private int shift = Integer.SIZE - 10;
  private int size;

  /** Adds {@code id}, whose {@link String#hashCode} is {@code hash}; false if it was here. */
  boolean add(String id, int hash) {
    // 0 marks a free slot, so a probe reads only this table until a stored hash matches
    int stored = hash == 0 ? 1 : hash;
    int mask = ids.length - 1;
    for (int i = slot(stored); ; i = (i + 1) & mask) {
      int here = hashes[i];
      if (here == 0) {
        ids[i] = id;
        hashes[i] = stored;
        if (++size * 2 > ids.length) {
          grow();
        }
        return true;
      }
      if (here == stored && ids[i].equals(id)) {
        return false;
      }
    }
  }

  /** How many ids are here. */
  int size() {
    return size;
  }

  /** Fibonacci hashing: spreads ids whose hashes differ in a few bits over the table. */
  private int slot(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  private void grow() {
    int[] oldHashes = hashes;
    String[] oldIds = ids;
    hashes = new int[oldIds.length * 2];
    ids = new String[oldIds.length * 2];
    shift--;
    int mask = ids.length - 1;
    for (int j = 0; j < oldIds.length; j++) {
      int hash = oldHashes[j];
      if (hash != 0) {
        int i = slot(hash);
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        ids[i] = oldIds[j];
        hashes[i] = hash;
      }
    }
  }
}
