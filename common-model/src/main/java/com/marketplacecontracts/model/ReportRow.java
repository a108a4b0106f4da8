package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a marketplace report, every column as the marketplace sent it: report columns change without notice,
 * so none is dropped and none is required.
 *
 * @param marketplace where
 * @param report      the report's name (Yandex: the name in its path, e.g. {@code united-netting})
 * @param sheet       the sheet it is on
 * @param table       the table of the sheet, or null for the sheet's own rows
 * @param values      column name to value (text, {@code BigDecimal}, boolean, null, or nested lists and maps), in
 *                    the report's order
 */
public record ReportRow(Marketplace marketplace, String report, String sheet, String table,
    Map<String, Object> values) {

  public ReportRow {
    Objects.requireNonNull(marketplace, "marketplace");
    Objects.requireNonNull(report, "report");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
