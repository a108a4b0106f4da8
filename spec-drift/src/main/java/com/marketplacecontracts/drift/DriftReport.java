package com.marketplacecontracts.drift;

import java.util.List;

/**
 * What {@link SpecDrift#compare} found.
 *
 * @param curated where the curated spec came from
 * @param upstream where the compared spec came from
 * @param operations how many curated operations were compared
 * @param findings every difference, most severe first
 */
public record DriftReport(String curated, String upstream, int operations, List<Finding> findings) {

  /** The findings of one severity. */
  public List<Finding> findings(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /** Whether any finding is at least as severe as {@code threshold}. */
  public boolean any(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** {@code 1 breaking, 0 scheduled, 2 degraded, 3 compatible}. */
  public String summary() {
    return findings(Severity.BREAKING).size() + " breaking, " + findings(Severity.SCHEDULED).size()
        + " scheduled, " + findings(Severity.DEGRADED).size() + " degraded, "
        + findings(Severity.COMPATIBLE).size() + " compatible";
  }
}
