package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift findings the project has accepted, each with its reason (the legacy operations the marketplace removed, the
 * operations ahead of its document): a report without them, so {@code --fail-on breaking} is green until something
 * new moves. A finding is matched by its change and operation id.
 */
public final class Acknowledged {

  private final Map<String, String> reasons;

  private Acknowledged(Map<String, String> reasons) {
    this.reasons = Map.copyOf(reasons);
  }

  /** None acknowledged. */
  public static Acknowledged none() {
    return new Acknowledged(Map.of());
  }

  /** From a YAML document {@code acknowledged: [{change, operationId, reason}, ...]}. */
  public static Acknowledged read(byte[] yaml, String name) {
    JsonNode tree = SafeYaml.read(yaml, name);
    Map<String, String> reasons = new HashMap<>();
    for (JsonNode row : tree.path("acknowledged")) {
      String change = row.path("change").asText("");
      String id = row.path("operationId").asText("");
      String reason = row.path("reason").asText("");
      if (change.isEmpty() || id.isEmpty() || reason.isBlank()) {
        throw new UnreadableSpecException(name + ": every acknowledged finding needs change, operationId and reason");
      }
      try {
        Change.valueOf(change.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new UnreadableSpecException(name + ": no such change: " + Text.visible(change, 100));
      }
      reasons.put(change + " " + id, reason);
    }
    return new Acknowledged(reasons);
  }

  public int size() {
    return reasons.size();
  }

  /** The report without the acknowledged findings. */
  public DriftReport apply(DriftReport report) {
    List<Finding> kept = new ArrayList<>();
    for (Finding finding : report.findings()) {
      if (!reasons.containsKey(finding.change().id() + " " + finding.operationId())) {
        kept.add(finding);
      }
    }
    return new DriftReport(report.curated(), report.upstream(), report.operations(), List.copyOf(kept));
  }
}
