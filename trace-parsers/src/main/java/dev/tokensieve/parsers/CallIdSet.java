package dev.tokensieve.parsers;

import java.util.Arrays;

/**
 * The request call ids a {@link Corpus} run has delivered: a set of strings whose hashes the caller
 * gives, for the de-duplication that must run on the one delivering thread.
 *
 * <p>It replaced a {@code HashSet<String>} that took an eighth of that thread's samples on a 500 MB
 * corpus: adding an id read the id's string (to hash it) and its request, both made on a parsing
 * thread and so cold in this core's cache. Here the ids and their hashes come in arrays a parsing
 * thread filled ({@link Corpus.CallIds}); each slot of the table packs an id's hash with its index
 * in the list of ids, which only grows at its end, so a probe reads one slot and an id's string is
 * read only when its hash matches one already here (mostly when it is a duplicate). Open addressing
 * with linear probing, at most half full. Not thread-safe. CallIdSetTest checks it answers as
 * {@code HashSet.add} does.
 */
final class CallIdSet {
  /** A free slot: a used one holds its id's index plus one, never 0, so a new table is free. */
  private static final long FREE = 0L;

  private long[] slots = new long[1 << 10];
  private int shift = Integer.SIZE - 10;
  private String[] ids = new String[1 << 9];
  private int size;

  /** Adds {@code id}, whose {@link String#hashCode} is {@code hash}; false if it was here. */
  boolean add(String id, int hash) {
    int mask = slots.length - 1;
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      long here = slots[i];
      if (here == FREE) {
        if (size == ids.length) {
          ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        slots[i] = pack(hash, size);
        if (++size * 2 > slots.length) {
          grow();
        }
        return true;
      }
      if ((int) (here >>> 32) == hash && ids[(int) here - 1].equals(id)) {
        return false;
      }
    }
  }

  /** How many ids are here. */
  int size() {
    return size;
  }

  private static long pack(int hash, int index) {
    return ((long) hash << 32) | (index + 1);
  }

  /** Fibonacci hashing: spreads ids whose hashes differ in a few bits over the table. */
  private int slot(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    shift--;
    int mask = slots.length - 1;
    for (long s : old) {
      if (s != FREE) {
        int i = slot((int) (s >>> 32));
        while (slots[i] != FREE) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }
}
