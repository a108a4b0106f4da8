package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One change of each kind applied to a multi-file upstream document; each yields exactly its finding. */
class SpecDriftTest {

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-08-01T10:00:00Z"), ZoneOffset.UTC);
  /** The domain model of these tests reads OrderDTO, nothing else. */
  private static final SpecDrift DRIFT = new SpecDrift(TODAY, Set.of("OrderDTO.id", "OrderDTO.status"));

  @TempDir
  Path dir;

  private Fixture upstream;

  @BeforeEach
  void copyFixture() {
    upstream = Fixture.copy(dir);
  }

  private DriftReport report() {
    return DRIFT.compare(SpecLoader.load(Fixture.original()), SpecLoader.load(upstream.root()));
  }

  private Finding only(Severity severity, Change change, String operationId, String field) {
    List<Finding> findings = report().findings();
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.severity()).isEqualTo(severity);
    assertThat(finding.change()).isEqualTo(change);
    assertThat(finding.operationId()).isEqualTo(operationId);
    assertThat(finding.field()).isEqualTo(field);
    return finding;
  }

  @Test
  void theSameDocumentHasNoFindings() {
    DriftReport report = report();

    assertThat(report.findings()).isEmpty();
    assertThat(report.operations()).isEqualTo(2);
  }

  @Test
  void aRemovedOperationIsBreaking() {
    upstream.edit("openapi.yaml", "  /v1/shops/{shopId}/items:\n    $ref: paths/items.yaml\n", "");

    only(Severity.BREAKING, Change.OPERATION_REMOVED, "getItems", "");
  }

  @Test
  void aMovedPathIsBreakingAndNamesTheNewPath() {
    upstream.edit("openapi.yaml", "/v1/shops/{shopId}/orders:", "/v2/shops/{shopId}/orders:");

    Finding finding = only(Severity.BREAKING, Change.PATH_MOVED, "searchOrders", "");
    assertThat(finding.detail()).contains("POST /v2/shops/{shopId}/orders");
  }

  @Test
  void anOperationMatchedByPathUnderAnotherIdIsARename() {
    upstream.edit("paths/items.yaml", "operationId: getItems", "operationId: listItems");

    Finding finding = only(Severity.BREAKING, Change.OPERATION_ID_CHANGED, "getItems", "");
    assertThat(finding.detail()).contains("listItems");
  }

  @Test
  void aParameterThatBecomesRequiredIsBreaking() {
    upstream.edit("paths/orders.yaml", "    - name: limit\n      in: query\n",
        "    - name: limit\n      in: query\n      required: true\n");

    only(Severity.BREAKING, Change.PARAMETER_REQUIRED, "searchOrders", "parameter limit");
  }

  @Test
  void aNewRequiredParameterIsBreakingAndAnOptionalOneCompatible() {
    upstream.edit("paths/orders.yaml", "    - name: limit\n",
        "    - name: warehouse\n      in: query\n      required: true\n      schema:\n        type: string\n"
            + "    - name: limit\n");

    only(Severity.BREAKING, Change.PARAMETER_REQUIRED, "searchOrders", "parameter warehouse");

    upstream.edit("paths/orders.yaml", "      required: true\n      schema:\n        type: string\n",
        "      schema:\n        type: string\n");
    only(Severity.COMPATIBLE, Change.PARAMETER_ADDED, "searchOrders", "parameter warehouse");
  }

  @Test
  void aRemovedParameterIsBreaking() {
    upstream.edit("paths/orders.yaml",
        "    - name: limit\n      in: query\n      schema:\n        type: integer\n        minimum: 1\n"
            + "        maximum: 100\n", "");

    only(Severity.BREAKING, Change.PARAMETER_REMOVED, "searchOrders", "parameter limit");
  }

  @Test
  void aBodyThatBecomesRequiredIsBreaking() {
    upstream.edit("paths/orders.yaml", "  requestBody:\n    required: false", "  requestBody:\n    required: true");

    only(Severity.BREAKING, Change.BODY_REQUIRED, "searchOrders", "request body");
  }

  @Test
  void aBodyFieldThatBecomesRequiredIsBreaking() {
    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "type: object\n",
        "type: object\nrequired:\n  - comment\n");

    only(Severity.BREAKING, Change.FIELD_REQUIRED, "searchOrders", "request body comment");
  }

  @Test
  void aRequestFieldRemovedIsBreaking() {
    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "  fromDate:\n    type: string\n    format: date\n",
        "");

    only(Severity.BREAKING, Change.FIELD_REMOVED, "searchOrders", "request body fromDate");
  }

  @Test
  void aSuccessResponseNoLongerDocumentedIsBreaking() {
    upstream.edit("paths/items.yaml", "    '200':\n      description: The items.",
        "    '202':\n      description: The items.");

    only(Severity.BREAKING, Change.RESPONSE_REMOVED, "getItems", "response 200");
  }

  @Test
  void aParameterTypeChangeIsBreaking() {
    upstream.edit("paths/orders.yaml", "        type: integer\n        minimum: 1\n        maximum: 100\n",
        "        type: string\n");

    Finding finding = only(Severity.BREAKING, Change.TYPE_CHANGED, "searchOrders", "parameter limit");
    assertThat(finding.detail()).contains("integer → string");
  }

  @Test
  void aFormatChangeOfABodyFieldIsBreaking() {
    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "format: date\n", "format: date-time\n");

    Finding finding = only(Severity.BREAKING, Change.FORMAT_CHANGED, "searchOrders", "request body fromDate");
    assertThat(finding.detail()).contains("date → date-time");
  }

  @Test
  void aTightenedMaxLengthIsBreakingAndALooserOneCompatible() {
    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "maxLength: 255", "maxLength: 100");

    Finding finding = only(Severity.BREAKING, Change.CONSTRAINT_NARROWED, "searchOrders", "request body comment");
    assertThat(finding.detail()).contains("maxLength 255 → 100");

    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "maxLength: 100", "maxLength: 1000");
    only(Severity.COMPATIBLE, Change.CONSTRAINT_WIDENED, "searchOrders", "request body comment");
  }

  @Test
  void aLowerMaximumOfAParameterIsBreaking() {
    upstream.edit("paths/orders.yaml", "maximum: 100", "maximum: 50");

    Finding finding = only(Severity.BREAKING, Change.CONSTRAINT_NARROWED, "searchOrders", "parameter limit");
    assertThat(finding.detail()).contains("maximum 100 → 50");
  }

  @Test
  void anEnumValueWeSendRemovedIsBreaking() {
    upstream.edit("components/schemas/OrderStatusFilter.yaml", "  - CANCELLED\n", "");

    Finding finding = only(Severity.BREAKING, Change.ENUM_VALUE_REMOVED, "searchOrders", "request body status");
    assertThat(finding.detail()).contains("CANCELLED");
  }

  @Test
  void aResponseFieldRemovedIsBreaking() {
    upstream.edit("components/schemas/OrderDTO.yaml", "  trackingCode:\n    type: string\n", "");

    only(Severity.BREAKING, Change.RESPONSE_FIELD_REMOVED, "searchOrders",
        "response 200 result.orders[].trackingCode");
  }

  @Test
  void aResponseFieldRetypedIsBreaking() {
    upstream.edit("components/schemas/OrderDTO.yaml", "  total:\n    type: number\n", "  total:\n    type: string\n");

    Finding finding = only(Severity.BREAKING, Change.RESPONSE_FIELD_RETYPED, "searchOrders",
        "response 200 result.orders[].total");
    assertThat(finding.detail()).contains("number → string");
  }

  @Test
  void aResponseFieldFormatChangeIsBreaking() {
    upstream.edit("components/schemas/OrderDTO.yaml", "    type: integer\n    format: int64\n",
        "    type: integer\n    format: int32\n");

    Finding finding = only(Severity.BREAKING, Change.RESPONSE_FIELD_RETYPED, "searchOrders",
        "response 200 result.orders[].id");
    assertThat(finding.detail()).startsWith("format int64 → int32");
  }

  @Test
  void anIntegerWithoutFormatIsAnInt32() {
    upstream.edit("components/parameters/ShopId.yaml", "  format: int64\n", "");
    Fixture curated = Fixture.copy(dir.resolve("curated"));
    curated.edit("components/parameters/ShopId.yaml", "  format: int64\n", "  format: int32\n");

    assertThat(DRIFT.compare(SpecLoader.load(curated.root()), SpecLoader.load(upstream.root())).findings())
        .isEmpty();
  }

  @Test
  void deprecatedIsScheduled() {
    upstream.edit("paths/items.yaml", "  operationId: getItems\n", "  operationId: getItems\n  deprecated: true\n");

    only(Severity.SCHEDULED, Change.DEPRECATED, "getItems", "");
  }

  @Test
  void aDeprecationConfigReportsItsDatesReplacementAndDaysLeftByTheClock() {
    upstream.edit("paths/items.yaml", "  operationId: getItems\n", """
          operationId: getItems
          deprecated: true
          x-deprecation-config:
            degradation-start-date: 2026-08-15
            shutdown-date: 2026-09-01
            replacement-operation-id: getItemsV2
        """);

    Finding finding = only(Severity.SCHEDULED, Change.DEPRECATION_SCHEDULED, "getItems", "");
    assertThat(finding.daysLeft()).isEqualTo(31);
    assertThat(finding.detail())
        .isEqualTo("the marketplace will switch it off: degraded from 2026-08-15, shut down on 2026-09-01"
            + " (31 days left); replacement: getItemsV2");
  }

  @Test
  void aLimitCutIsDegradedPerTierWithItsFactor() {
    upstream.edit("paths/orders.yaml", "      amount: 600\n", "      amount: 6\n");

    Finding finding = only(Severity.DEGRADED, Change.LIMIT_CUT, "searchOrders", "limit tier none");
    assertThat(finding.detail()).startsWith("600 requests/minute → 6 requests/minute (cut by a factor of 100)");
  }

  @Test
  void aNewResponseEnumValueIsDegraded() {
    upstream.edit("components/schemas/OrderStatus.yaml", "  - CANCELLED\n", "  - CANCELLED\n  - RETURNED\n");

    Finding finding = only(Severity.DEGRADED, Change.RESPONSE_ENUM_VALUE_ADDED, "searchOrders",
        "response 200 result.orders[].status");
    assertThat(finding.detail()).contains("RETURNED").contains("UNRECOGNIZED");
  }

  @Test
  void aNewResponseFieldOfAMappedSchemaIsDegraded() {
    upstream.edit("components/schemas/OrderDTO.yaml", "  trackingCode:\n",
        "  buyerNote:\n    type: string\n  trackingCode:\n");

    Finding finding = only(Severity.DEGRADED, Change.RESPONSE_FIELD_ADDED, "searchOrders",
        "response 200 result.orders[].buyerNote");
    assertThat(finding.detail()).contains("OrderDTO").contains("common-model does not map");
  }

  @Test
  void aNewResponseFieldOfAnUnmappedSchemaIsCompatible() {
    upstream.edit("components/schemas/ItemsResponse.yaml", "properties:\n",
        "properties:\n  total:\n    type: integer\n");

    only(Severity.COMPATIBLE, Change.RESPONSE_FIELD_ADDED, "getItems", "response 200 total");
  }

  @Test
  void anOptionalBodyFieldAndANewRequestEnumValueAreCompatible() {
    upstream.edit("components/schemas/SearchOrdersRequest.yaml", "  fromDate:\n",
        "  toDate:\n    type: string\n    format: date\n  fromDate:\n");
    upstream.edit("components/schemas/OrderStatusFilter.yaml", "  - CANCELLED\n", "  - CANCELLED\n  - RETURNED\n");

    assertThat(report().findings()).extracting(Finding::severity, Finding::change, Finding::field)
        .containsExactlyInAnyOrder(
            tuple(Severity.COMPATIBLE, Change.FIELD_ADDED, "request body toDate"),
            tuple(Severity.COMPATIBLE, Change.ENUM_VALUE_ADDED,
                "request body status"));
  }

  @Test
  void findingsComeMostSevereFirst() {
    upstream.edit("paths/orders.yaml", "      amount: 600\n", "      amount: 6\n");
    upstream.edit("openapi.yaml", "  /v1/shops/{shopId}/items:\n    $ref: paths/items.yaml\n", "");

    DriftReport report = report();

    assertThat(report.findings()).extracting(Finding::severity)
        .containsExactly(Severity.BREAKING, Severity.DEGRADED);
    assertThat(report.any(Severity.BREAKING)).isTrue();
    assertThat(report.summary()).isEqualTo("1 breaking, 0 scheduled, 1 degraded, 0 compatible");
  }

  @Test
  void aPublishedOperationWithoutADecisionIsAFindingOfItsOwn() {
    Fixture curated = upstream.edit("openapi.yaml", "  /v1/shops/{shopId}/items:\n    $ref: paths/items.yaml\n", "");

    DriftReport report = DRIFT.compare(SpecLoader.load(curated.root()), SpecLoader.load(Fixture.original()));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.change()).isEqualTo(Change.OPERATION_UNDECIDED);
      assertThat(finding.operationId()).isEqualTo("getItems");
      assertThat(finding.detail()).contains("no decision");
    });
  }

  @Test
  void anExcludedOperationIsDecidedAndNotReported() {
    Fixture curated = upstream.edit("openapi.yaml", "  /v1/shops/{shopId}/items:\n    $ref: paths/items.yaml\n", "")
        .edit("openapi.yaml", "paths:\n", "x-excluded-operations:\n  - {operationId: getItems, reason: not for sellers}\n"
            + "paths:\n");

    DriftReport report = DRIFT.compare(SpecLoader.load(curated.root()), SpecLoader.load(Fixture.original()));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void acknowledgedFindingsAreLeftOutAndAnAcknowledgementNeedsItsReason() {
    upstream.edit("openapi.yaml", "  /v1/shops/{shopId}/items:\n    $ref: paths/items.yaml\n", "");
    Acknowledged accepted = Acknowledged.read(("acknowledged:\n  - {change: operation-removed, operationId: getItems,"
        + " reason: legacy}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");

    assertThat(report().findings()).hasSize(1);
    assertThat(accepted.apply(report()).findings()).isEmpty();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Acknowledged.read(
        "acknowledged:\n  - {change: operation-removed, operationId: getItems}\n".getBytes(
            java.nio.charset.StandardCharsets.UTF_8), "test")))
        .isInstanceOf(UnreadableSpecException.class).hasMessageContaining("reason");
  }
}
