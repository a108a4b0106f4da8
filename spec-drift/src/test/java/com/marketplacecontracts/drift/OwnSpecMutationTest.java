package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.operation.Marketplace;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of change applied to the project's own Yandex spec (as the published spec would change it): the engine
 * reports exactly that finding, and nothing when the published spec equals ours.
 */
class OwnSpecMutationTest {

  private static final String OPERATIONS_PATH = "/v1/businesses/{businessId}/operations";
  private static final SpecDrift DRIFT = new SpecDrift(
      Clock.fixed(Instant.parse("2026-07-17T00:00:00Z"), ZoneOffset.UTC), MappedFields.COMMON_MODEL);

  /** Our Yandex spec against a copy changed by {@code mutation}. */
  private static List<Finding> drift(Consumer<OpenAPI> mutation) {
    LoadedSpec upstream = SpecLoader.curated(Marketplace.YANDEX_MARKET);
    mutation.accept(upstream.openApi());
    return DRIFT.compare(SpecLoader.curated(Marketplace.YANDEX_MARKET), upstream).findings();
  }

  private static Finding only(List<Finding> findings, Severity severity, Change change, String operationId,
      String field) {
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding).extracting(Finding::severity, Finding::change, Finding::operationId, Finding::field)
        .containsExactly(severity, change, operationId, field);
    return finding;
  }

  private static Operation operation(OpenAPI api, String path) {
    PathItem item = api.getPaths().get(path);
    return item.readOperations().get(0);
  }

  private static Schema<?> schema(OpenAPI api, String name) {
    return api.getComponents().getSchemas().get(name);
  }

  @ParameterizedTest
  @EnumSource(Marketplace.class)
  void ourSpecAgainstItselfHasNoFindings(Marketplace marketplace) {
    DriftReport report = DRIFT.compare(SpecLoader.curated(marketplace), SpecLoader.curated(marketplace));

    assertThat(report.findings()).isEmpty();
    assertThat(report.operations()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void operationRemoved() {
    only(drift(api -> api.getPaths().remove(OPERATIONS_PATH)),
        Severity.BREAKING, Change.OPERATION_REMOVED, "getOperations", "");
  }

  @Test
  void pathMoved() {
    String moved = "/v2/businesses/{businessId}/operations";
    Finding finding = only(drift(api -> api.getPaths().put(moved, api.getPaths().remove(OPERATIONS_PATH))),
        Severity.BREAKING, Change.PATH_MOVED, "getOperations", "");
    assertThat(finding.detail()).contains("POST " + moved);
  }

  @Test
  void parameterNewlyRequired() {
    only(drift(api -> operation(api, "/v2/campaigns/{campaignId}/offer-mapping-entries").getParameters().stream()
            .filter(p -> p.getName().equals("limit")).forEach(p -> p.setRequired(true))),
        Severity.BREAKING, Change.PARAMETER_REQUIRED, "getOfferMappingEntries", "parameter limit");
  }

  @Test
  void newRequiredBodyField() {
    only(drift(api -> {
      Schema<?> request = schema(api, "GetOperationsRequest");
      request.addProperty("campaignId", new IntegerSchema());
      request.addRequiredItem("campaignId");
    }), Severity.BREAKING, Change.FIELD_REQUIRED, "getOperations", "request body campaignId");
  }

  @Test
  void parameterRetyped() {
    only(drift(api -> operation(api, OPERATIONS_PATH).setParameters(List.of(new Parameter().name("businessId")
            .in("path").required(true).schema(new StringSchema())))),
        Severity.BREAKING, Change.TYPE_CHANGED, "getOperations", "parameter businessId");
  }

  @Test
  void constraintNarrowedBelowWhatWeSend() {
    Finding finding = only(drift(api -> schema(api, "GetOperationsRequest").getProperties().get("operationIds")
            .setMaxItems(50)),
        Severity.BREAKING, Change.CONSTRAINT_NARROWED, "getOperations", "request body operationIds");
    assertThat(finding.detail()).contains("maxItems 100 → 50");
  }

  @Test
  @SuppressWarnings("unchecked")
  void enumValueWeSendRemoved() {
    Finding finding = only(drift(api -> ((Schema<String>) schema(api, "OperationType")).getEnum()
            .remove("RETURN_CANCELLATION")),
        Severity.BREAKING, Change.ENUM_VALUE_REMOVED, "getOperations", "request body operationType");
    assertThat(finding.detail()).contains("RETURN_CANCELLATION");
  }

  @Test
  void responseFieldWeReadRemoved() {
    only(drift(api -> {
      Schema<?> result = schema(api, "OperationResultDTO");
      result.getProperties().remove("status");
      if (result.getRequired() != null) {
        result.getRequired().remove("status");
      }
    }),
        Severity.BREAKING, Change.RESPONSE_FIELD_REMOVED, "getOperations", "response 200 result.operations[].status");
  }

  @Test
  void responseFieldWeReadRetyped() {
    only(drift(api -> schema(api, "OperationResultDTO").getProperties().put("id", new IntegerSchema())),
        Severity.BREAKING, Change.RESPONSE_FIELD_RETYPED, "getOperations", "response 200 result.operations[].id");
  }

  @Test
  void deprecatedWithASchedule() {
    Finding finding = only(drift(api -> {
      Operation operation = operation(api, OPERATIONS_PATH);
      operation.setDeprecated(true);
      Map<String, Object> schedule = new LinkedHashMap<>();
      schedule.put("degradation-start-date", "2026-08-01");
      schedule.put("shutdown-date", "2026-09-01");
      schedule.put("replacement-operation-id", "getOperationsV2");
      operation.addExtension("x-deprecation-config", schedule);
    }), Severity.SCHEDULED, Change.DEPRECATION_SCHEDULED, "getOperations", "");
    assertThat(finding.daysLeft()).isEqualTo(46);
    assertThat(finding.detail()).contains("getOperationsV2").contains("2026-08-01").contains("46 days left");
  }

  /** Replaces the operation's quota (in either vocabulary) with the marketplace's per-tier one. */
  private static Consumer<OpenAPI> limits(Map<String, Object> none, Map<String, Object> medium) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("path", "resp");
    config.put("none", none);
    config.put("medium", medium);
    return api -> {
      Operation operation = operation(api, OPERATIONS_PATH);
      operation.getExtensions().remove("x-rate-limit");
      operation.addExtension("x-resource-limit-config", config);
    };
  }

  @Test
  void limitCutPerTierWithItsFactor() {
    List<Finding> findings = drift(limits(Map.of("amount", 10, "period", "hours", "period-duration", 1),
        Map.of("amount", 10, "period", "minutes", "period-duration", 1)));

    assertThat(findings).extracting(Finding::severity, Finding::change, Finding::field, Finding::detail)
        .containsExactly(
            tuple(Severity.DEGRADED, Change.LIMIT_CUT, "limit tier none",
                "1,000 requests/hour → 10 requests/hour (cut by a factor of 100): calls at the old pace are"
                    + " rejected with 420"),
            tuple(Severity.DEGRADED, Change.LIMIT_CUT, "limit tier medium",
                "1,000 requests/hour → 10 requests/minute (cut by a factor of 1.7): calls at the old pace are"
                    + " rejected with 420"));
  }

  @Test
  void theSameLimitInTheMarketplacesVocabularyIsNoFinding() {
    Map<String, Object> sameQuota = Map.of("amount", 1000, "period", "hours", "period-duration", 1);

    assertThat(drift(limits(sameQuota, sameQuota))).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void newResponseEnumValue() {
    Finding finding = only(drift(api -> ((Schema<String>) schema(api, "OperationStatusType")).getEnum()
            .add("CANCELLED")),
        Severity.DEGRADED, Change.RESPONSE_ENUM_VALUE_ADDED, "getOperations",
        "response 200 result.operations[].status");
    assertThat(finding.detail()).contains("CANCELLED");
  }

  @Test
  void newResponseFieldCommonModelDoesNotMap() {
    Finding finding = only(drift(api -> schema(api, "OperationResultDTO").addProperty("createdAt",
            new StringSchema().format("date-time"))),
        Severity.DEGRADED, Change.RESPONSE_FIELD_ADDED, "getOperations", "response 200 result.operations[].createdAt");
    assertThat(finding.detail()).contains("OperationResultDTO");
  }

  @Test
  void newResponseFieldInAnAllOfPartOfAMappedSchemaIsDegraded() {
    only(drift(api -> schema(api, "OfferMappingInfoDTO").addProperty("showcaseUrls",
            new ArraySchema().items(new StringSchema()))),
        Severity.DEGRADED, Change.RESPONSE_FIELD_ADDED, "getOfferMappingEntries",
        "response 200 result.offerMappingEntries[].showcaseUrls");
  }

  @Test
  void newResponseFieldOfASchemaCommonModelNeverReadsIsCompatible() {
    Finding finding = only(drift(api -> schema(api, "ScrollingPagerDTO").getAllOf().get(1).addProperty("total",
            new IntegerSchema())),
        Severity.COMPATIBLE, Change.RESPONSE_FIELD_ADDED, "getOfferMappingEntries", "response 200 result.paging.total");
    assertThat(finding.detail()).contains("ScrollingPagerDTO");
  }

  @Test
  void additionsAreCompatible() {
    List<Finding> findings = drift(api -> {
      Operation operation = operation(api, OPERATIONS_PATH);
      List<Parameter> parameters = new ArrayList<>(operation.getParameters());
      parameters.add(new Parameter().name("language").in("query").schema(new StringSchema()));
      operation.setParameters(parameters);
      schema(api, "GetOperationsRequest").addProperty("note", new StringSchema());
    });

    assertThat(findings).extracting(Finding::severity, Finding::change, Finding::field)
        .containsExactlyInAnyOrder(
            tuple(Severity.COMPATIBLE, Change.PARAMETER_ADDED, "parameter language"),
            tuple(Severity.COMPATIBLE, Change.FIELD_ADDED, "request body note"));
  }
}
