package com.marketplacecontracts.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known name closest to a mistyped one, when it is close enough to be what was meant. */
final class Suggest {

  /** Names longer than this are not compared (a hostile or pasted value must not cost a quadratic loop). */
  private static final int MAX_LENGTH = 200;

  private Suggest() {
  }

  /**
   * The candidate nearest to {@code given} by edit distance (case ignored), if at most about a third of its length
   * differs (at least 2 edits allowed); a candidate that starts with {@code given} also counts.
   */
  static Optional<String> closest(String given, Collection<String> candidates) {
    if (given == null || given.isEmpty() || given.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String wanted = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate == null || candidate.length() > MAX_LENGTH) {
        continue;
      }
      String known = candidate.toLowerCase(Locale.ROOT);
      int distance = known.startsWith(wanted) && wanted.length() >= 3 ? 1 : distance(wanted, known);
      // a tie goes to the name as long as the one given (a letter mistyped rather than one left out)
      if (distance < bestDistance || distance == bestDistance
          && Math.abs(candidate.length() - given.length()) < Math.abs(best.length() - given.length())) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, wanted.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The {@code count} candidates nearest to {@code given} by edit distance (case ignored), nearest first. */
  static java.util.List<String> nearest(String given, Collection<String> candidates, int count) {
    String wanted = given == null ? "" : given.toLowerCase(Locale.ROOT);
    if (wanted.length() > MAX_LENGTH) {
      return java.util.List.copyOf(candidates).subList(0, Math.min(count, candidates.size()));
    }
    return candidates.stream().filter(c -> c != null && c.length() <= MAX_LENGTH)
        .sorted(java.util.Comparator.comparingInt(c -> distance(wanted, c.toLowerCase(Locale.ROOT))))
        .limit(count).toList();
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
