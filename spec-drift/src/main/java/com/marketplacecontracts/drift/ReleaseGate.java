package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The breaking-change gate on our own spec edits: {@code specs/} against the specs of the last release (kept in
 * {@code spec-baseline/}, with the release's version in {@code spec-baseline/VERSION}). A breaking change fails
 * unless the major version was raised or {@code spec-baseline/accepted-changes.yaml} lists it with a reason.
 *
 * <p>At a release, copy {@code specs/} over {@code spec-baseline/}, write the version into {@code VERSION} and empty
 * the accepted changes: they are part of the released baseline from then on.
 */
public final class ReleaseGate {

  /** The accepted-changes file, inside the baseline directory. */
  public static final String ACCEPTED_FILE = "accepted-changes.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The gate's verdict.
   *
   * @param baselineVersion the released version the specs are compared with
   * @param version the version being built
   * @param failures breaking changes neither accepted nor allowed by a major version, and bad accepted entries
   * @param accepted breaking changes let through (listed, or the major version was raised)
   * @param message what failed and how to release it, or a one-line summary when nothing did
   */
  public record Result(String baselineVersion, String version, List<String> failures, List<String> accepted,
      String message) {

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  private record Accepted(String marketplace, String operation, Change change, String field, String reason) {

    boolean matches(String market, Finding finding) {
      return marketplace.equals(market) && operation.equals(finding.operationId()) && change == finding.change()
          && (field == null || field.equals(finding.field()));
    }
  }

  private ReleaseGate() {
  }

  /**
   * Compares every spec of the baseline with the same file under {@code specs}.
   *
   * @param specs the edited specs ({@code specs/})
   * @param baseline the last release's specs, its {@code VERSION} and the accepted changes
   * @param version the version being built, e.g. {@code 0.2.0-SNAPSHOT}
   */
  public static Result check(Path specs, Path baseline, String version) {
    String baselineVersion = read(baseline.resolve("VERSION")).trim();
    boolean majorRaised = major(version) > major(baselineVersion);
    List<Accepted> acceptedChanges = acceptedChanges(baseline.resolve(ACCEPTED_FILE));
    List<String> failures = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    List<String> toAccept = new ArrayList<>();
    boolean[] used = new boolean[acceptedChanges.size()];
    SpecDrift drift = SpecDrift.create();

    for (Path released : releasedSpecs(baseline)) {
      Path relative = baseline.relativize(released);
      String marketplace = relative.getName(0).toString();
      Path edited = specs.resolve(relative.toString());
      if (!Files.exists(edited)) {
        failures.add(marketplace + ": " + relative + " was removed: every operation of it is gone for consumers");
        continue;
      }
      DriftReport report = drift.compare(SpecLoader.load(released), SpecLoader.load(edited));
      for (Finding finding : report.findings(Severity.BREAKING)) {
        String line = marketplace + " " + finding;
        int entry = -1;
        for (int i = 0; i < acceptedChanges.size() && entry < 0; i++) {
          if (acceptedChanges.get(i).matches(marketplace, finding)) {
            entry = i;
          }
        }
        if (entry >= 0) {
          used[entry] = true;
          accepted.add(line + " — accepted: " + acceptedChanges.get(entry).reason());
        } else if (majorRaised) {
          accepted.add(line + " — major version raised");
        } else {
          failures.add(line);
          toAccept.add("  - marketplace: " + marketplace + "\n    operation: " + finding.operationId()
              + "\n    change: " + finding.change().id() + "\n    field: \"" + finding.field() + "\""
              + "\n    reason: \"<why consumers may take this in a minor release>\"");
        }
      }
    }
    for (int i = 0; i < acceptedChanges.size(); i++) {
      Accepted entry = acceptedChanges.get(i);
      if (entry.reason() == null || entry.reason().isBlank()) {
        failures.add(ACCEPTED_FILE + ": " + entry.operation() + " " + entry.change().id() + " has no reason");
      } else if (!used[i]) {
        failures.add(ACCEPTED_FILE + ": " + entry.marketplace() + " " + entry.operation() + " "
            + entry.change().id() + (entry.field() == null ? "" : " " + entry.field())
            + " matches no breaking change any more: remove it");
      }
    }
    return new Result(baselineVersion, version, List.copyOf(failures), List.copyOf(accepted),
        message(baselineVersion, version, failures, accepted, toAccept));
  }

  private static String message(String baselineVersion, String version, List<String> failures,
      List<String> accepted, List<String> toAccept) {
    if (failures.isEmpty()) {
      return "specs/ keep the contract of release " + baselineVersion + " (" + accepted.size()
          + " breaking changes accepted)";
    }
    StringBuilder out = new StringBuilder("specs/ break consumers of release ").append(baselineVersion)
        .append(" (building ").append(version).append("):\n");
    failures.forEach(f -> out.append("  ").append(f).append('\n'));
    if (!toAccept.isEmpty()) {
      out.append("Raise the major version, or accept each change with its reason in spec-baseline/")
          .append(ACCEPTED_FILE).append(" (under 'accepted:'):\n");
      toAccept.forEach(entry -> out.append(entry).append('\n'));
    }
    return out.toString();
  }

  private static List<Path> releasedSpecs(Path baseline) {
    try (Stream<Path> files = Files.walk(baseline, 2)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> baseline.relativize(p).getNameCount() == 2)
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UnreadableSpecException("baseline unreadable: " + baseline + ": " + e.getMessage(), e);
    }
  }

  private static List<Accepted> acceptedChanges(Path file) {
    List<Accepted> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    JsonNode entries;
    try {
      JsonNode root = YAML.readTree(file.toFile());
      entries = root == null ? null : root.get("accepted");
    } catch (IOException e) {
      throw new UnreadableSpecException(file + " is not YAML: " + e.getMessage(), e);
    }
    if (entries == null || entries.isNull()) {
      return out;
    }
    for (JsonNode entry : entries) {
      String change = text(entry, "change");
      if (text(entry, "marketplace") == null || text(entry, "operation") == null || change == null) {
        throw new IllegalArgumentException(file + ": every entry needs marketplace, operation, change and reason: "
            + entry);
      }
      Change kind;
      try {
        kind = Change.ofId(change);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": unknown change '" + change + "' in " + entry, e);
      }
      out.add(new Accepted(text(entry, "marketplace"), text(entry, "operation"), kind, text(entry, "field"),
          text(entry, "reason")));
    }
    return out;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static int major(String version) {
    String digits = version.trim().split("[.-]")[0];
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version: not major.minor.patch: " + version, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableSpecException("baseline version unreadable: " + file, e);
    }
  }
}
