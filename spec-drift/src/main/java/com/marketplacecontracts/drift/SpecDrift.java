package com.marketplacecontracts.drift;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxLength;
import org.openapitools.openapidiff.core.model.schema.ChangedMinItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMinLength;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;
import org.openapitools.openapidiff.core.model.schema.ChangedPattern;

/**
 * Compares a curated spec with a newer one (the marketplace's published spec, or our specs with the last release's)
 * operation by operation, and classifies each difference by what it does to the client.
 *
 * <p>Operations are matched by {@code operationId}, then by method and path. The structure of each matched pair
 * (parameters, bodies, responses, schemas) is compared by openapi-diff; the classification is ours: openapi-diff
 * calls a new response enum value breaking, a client with open enums only decodes it as unknown. Deprecation ({@code deprecated}, {@code x-deprecation-config}) and quotas
 * ({@code x-resource-limit-config}, {@code x-rate-limit}) are the marketplace's own vocabulary, read here.
 */
public final class SpecDrift {

  private final Clock clock;
  private final Set<String> mappedFields;

  /**
   * @param clock today's date, for the days left until a scheduled shutdown
   * @param mappedFields the response fields the domain model reads, {@code Schema.jsonName}
   *     ({@link MappedFields#COMMON_MODEL} for the project's own)
   */
  public SpecDrift(Clock clock, Set<String> mappedFields) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mappedFields = Set.copyOf(mappedFields);
  }

  /** The system clock and what {@code common-model} maps. */
  public static SpecDrift create() {
    return new SpecDrift(Clock.systemUTC(), MappedFields.COMMON_MODEL);
  }

  /** Every difference of every curated operation, most severe first. */
  public DriftReport compare(LoadedSpec curated, LoadedSpec upstream) {
    List<Op> ours = operations(curated.openApi());
    List<Op> theirs = operations(upstream.openApi());
    Map<String, Op> byId = new LinkedHashMap<>();
    Map<String, Op> byRoute = new LinkedHashMap<>();
    for (Op op : theirs) {
      if (op.id() != null) {
        byId.putIfAbsent(op.id(), op);
      }
      byRoute.putIfAbsent(op.route(), op);
    }
    List<Finding> findings = new ArrayList<>();
    for (Op op : ours) {
      Op match = op.id() == null ? null : byId.get(op.id());
      boolean byIdMatch = match != null;
      if (match == null) {
        match = byRoute.get(op.route());
      }
      new OperationDiff(op, curated.openApi(), match, upstream.openApi(), byIdMatch, findings).run();
    }
    undecided(curated.openApi(), ours, theirs, findings);
    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    return new DriftReport(curated.source(), upstream.source(), ours.size(), List.copyOf(findings));
  }

  /**
   * Every published operation the curated spec neither has nor lists in {@code x-excluded-operations}: the day the
   * marketplace adds an operation, the report names it.
   */
  private static void undecided(OpenAPI curated, List<Op> ours, List<Op> theirs, List<Finding> findings) {
    Set<String> known = new java.util.HashSet<>();
    for (Op op : ours) {
      known.add(op.route());
      if (op.id() != null) {
        known.add(op.id());
      }
    }
    Object excluded = curated.getExtensions() == null ? null : curated.getExtensions().get("x-excluded-operations");
    if (excluded instanceof List<?> rows) {
      for (Object row : rows) {
        if (row instanceof Map<?, ?> map && map.get("operationId") != null) {
          known.add(String.valueOf(map.get("operationId")));
        }
      }
    }
    for (Op op : theirs) {
      if (!known.contains(op.route()) && (op.id() == null || !known.contains(op.id()))) {
        findings.add(new Finding(Severity.COMPATIBLE, Change.OPERATION_UNDECIDED,
            op.id() == null ? "" : op.id(), op.label(), "",
            "published, with no decision in the curation: add one (covered, legacy, or excluded with a reason)",
            null));
      }
    }
  }

  /** One operation with where it lives. */
  private record Op(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {

    String id() {
      return operation.getOperationId();
    }

    /** Method and path with path parameters unnamed, so {@code {id}} and {@code {offerId}} match. */
    String route() {
      String normalized = path.replaceAll("\\{[^}]*}", "{}");
      if (normalized.length() > 1 && normalized.endsWith("/")) {
        normalized = normalized.substring(0, normalized.length() - 1);
      }
      return method + " " + normalized;
    }

    String label() {
      return method + " " + path;
    }
  }

  private static List<Op> operations(OpenAPI api) {
    List<Op> out = new ArrayList<>();
    if (api.getPaths() == null) {
      return out;
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, operation) -> out.add(new Op(path, method, item, operation))));
    return out;
  }

  private enum Direction { REQUEST, RESPONSE }

  /** The findings of one curated operation. */
  private final class OperationDiff {

    private final Op ours;
    private final OpenAPI ourApi;
    private final Op theirs;
    private final OpenAPI theirApi;
    private final boolean matchedById;
    private final List<Finding> findings;
    private final Set<ChangedSchema> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    OperationDiff(Op ours, OpenAPI ourApi, Op theirs, OpenAPI theirApi, boolean matchedById,
        List<Finding> findings) {
      this.ours = ours;
      this.ourApi = ourApi;
      this.theirs = theirs;
      this.theirApi = theirApi;
      this.matchedById = matchedById;
      this.findings = findings;
    }

    void run() {
      if (theirs == null) {
        add(Severity.BREAKING, Change.OPERATION_REMOVED, "",
            "no operation with this id or path any more: every call fails", null);
        return;
      }
      if (matchedById && !theirs.route().equals(ours.route())) {
        add(Severity.BREAKING, Change.PATH_MOVED, "",
            "moved to " + theirs.label() + ": calls to the old path fail once it is switched off", null);
      } else if (!matchedById && ours.id() != null) {
        add(Severity.BREAKING, Change.OPERATION_ID_CHANGED, "",
            "now named " + theirs.id() + ": the generated method is renamed, code calling it no longer compiles",
            null);
      }
      deprecation();
      limits();
      structure();
    }

    private void deprecation() {
      Operation old = ours.operation();
      Operation neu = theirs.operation();
      Object config = extension(neu, "x-deprecation-config");
      if (config instanceof Map<?, ?> schedule && !Objects.equals(config, extension(old, "x-deprecation-config"))) {
        LocalDate shutdown = date(schedule.get("shutdown-date"));
        Integer daysLeft = shutdown == null ? null
            : (int) ChronoUnit.DAYS.between(LocalDate.now(clock.withZone(ZoneOffset.UTC)), shutdown);
        StringBuilder detail = new StringBuilder("the marketplace will switch it off");
        if (schedule.get("degradation-start-date") != null) {
          detail.append(": degraded from ").append(text(schedule.get("degradation-start-date")));
        }
        if (shutdown != null) {
          detail.append(detail.indexOf(":") < 0 ? ": " : ", ").append("shut down on ").append(shutdown)
              .append(daysLeft >= 0 ? " (" + daysLeft + " days left)" : " (" + -daysLeft + " days ago)");
        }
        if (schedule.get("replacement-operation-id") != null) {
          detail.append("; replacement: ").append(text(schedule.get("replacement-operation-id")));
        }
        add(Severity.SCHEDULED, Change.DEPRECATION_SCHEDULED, "", detail.toString(), daysLeft);
      } else if (Boolean.TRUE.equals(neu.getDeprecated()) && !Boolean.TRUE.equals(old.getDeprecated())) {
        add(Severity.SCHEDULED, Change.DEPRECATED, "",
            "marked deprecated: the marketplace may remove it without a date", null);
      }
    }

    private void limits() {
      Map<String, Limits.Limit> old = Limits.of(ours.operation());
      Map<String, Limits.Limit> neu = Limits.of(theirs.operation());
      for (Map.Entry<String, Limits.Limit> tier : neu.entrySet()) {
        Limits.Limit before = old.getOrDefault(tier.getKey(), old.get(Limits.ALL_TIERS));
        Limits.Limit after = tier.getValue();
        String field = tier.getKey().equals(Limits.ALL_TIERS) ? "limit" : "limit tier " + tier.getKey();
        if (before == null) {
          continue;
        }
        if (before.unit().equals("request") != after.unit().equals("request")) {
          add(Severity.DEGRADED, Change.LIMIT_CUT, field, "counted differently: " + before + " → " + after, null);
          continue;
        }
        double factor = before.perSecond() / after.perSecond();
        if (factor > 1.0001) {
          add(Severity.DEGRADED, Change.LIMIT_CUT, field, before + " → " + after + " (cut by a factor of "
              + format(factor) + "): calls at the old pace are rejected with 420", null);
        } else if (factor < 0.9999) {
          add(Severity.COMPATIBLE, Change.LIMIT_RAISED, field, before + " → " + after, null);
        }
      }
    }

    /** Parameters, body and responses through openapi-diff, on the pair alone (under our path, so they pair). */
    private void structure() {
      ChangedOpenApi diff = OpenApiCompare.fromSpecifications(
          single(ourApi, ours, ours.path()), single(theirApi, theirs, ours.path()));
      if (diff.getChangedOperations().isEmpty()) {
        return;
      }
      ChangedOperation changed = diff.getChangedOperations().get(0);
      parameters(changed.getParameters());
      requestBody(changed.getRequestBody());
      responses(changed.getApiResponses());
    }

    private void parameters(ChangedParameters parameters) {
      if (parameters == null) {
        return;
      }
      for (Parameter added : parameters.getIncreased()) {
        String field = "parameter " + added.getName();
        if (Boolean.TRUE.equals(added.getRequired())) {
          add(Severity.BREAKING, Change.PARAMETER_REQUIRED, field,
              "new required " + added.getIn() + " parameter: calls without it are rejected", null);
        } else {
          add(Severity.COMPATIBLE, Change.PARAMETER_ADDED, field, "new optional " + added.getIn() + " parameter",
              null);
        }
      }
      for (Parameter removed : parameters.getMissing()) {
        add(Severity.BREAKING, Change.PARAMETER_REMOVED, "parameter " + removed.getName(),
            "no longer accepted: what we send in it is ignored or rejected, and the generated signature changes",
            null);
      }
      for (ChangedParameter parameter : parameters.getChanged()) {
        String field = "parameter " + parameter.getName();
        if (parameter.isChangeRequired() && Boolean.TRUE.equals(parameter.getNewParameter().getRequired())) {
          add(Severity.BREAKING, Change.PARAMETER_REQUIRED, field,
              "now required: calls without it are rejected", null);
        }
        if (parameter.getSchema() != null) {
          schema(parameter.getSchema(), field, "", Direction.REQUEST, null);
        }
      }
    }

    private void requestBody(ChangedRequestBody body) {
      if (body == null) {
        return;
      }
      RequestBody old = body.getOldRequestBody();
      RequestBody neu = body.getNewRequestBody();
      boolean required = neu != null && Boolean.TRUE.equals(neu.getRequired());
      if (required && (old == null || !Boolean.TRUE.equals(old.getRequired()))) {
        add(Severity.BREAKING, Change.BODY_REQUIRED, "request body",
            "now required: calls without a body are rejected", null);
      }
      content(body.getContent(), "request body", Direction.REQUEST, null);
    }

    private void responses(ChangedApiResponse responses) {
      if (responses == null) {
        return;
      }
      for (String status : responses.getMissing().keySet()) {
        if (status.startsWith("2")) {
          add(Severity.BREAKING, Change.RESPONSE_REMOVED, "response " + status,
              "no longer documented: the answer we decode is gone", null);
        }
      }
      for (Map.Entry<String, ChangedResponse> response : responses.getChanged().entrySet()) {
        content(response.getValue().getContent(), "response " + response.getKey(), Direction.RESPONSE,
            ourResponseSchemas(response.getKey()));
      }
    }

    private void content(ChangedContent content, String where, Direction direction, Map<String, Schema<?>> roots) {
      if (content == null) {
        return;
      }
      for (Map.Entry<String, ChangedMediaType> media : content.getChanged().entrySet()) {
        if (media.getValue().getSchema() != null) {
          Schema<?> root = roots == null ? null : roots.get(media.getKey());
          schema(media.getValue().getSchema(), where, "", direction, root);
        }
      }
    }

    /** One schema node and its children; {@code ours} is our schema at this place (to name the owner of a field). */
    private void schema(ChangedSchema changed, String where, String path, Direction direction, Schema<?> ours) {
      if (changed == null || !visited.add(changed)) {
        return;
      }
      String field = path.isEmpty() ? where : where + " " + path;
      Schema<?> old = changed.getOldSchema();
      Schema<?> neu = changed.getNewSchema();
      // openapi-diff reports a type change whenever the schema classes differ (date → date-time, an object behind
      // allOf, a format dropped); only a different type or format is one.
      boolean sameType = type(old).equals(type(neu));
      if (changed.isChangedType() && !sameType) {
        String types = type(old) + " → " + type(neu);
        if (direction == Direction.REQUEST) {
          add(Severity.BREAKING, Change.TYPE_CHANGED, field, "type " + types + ": what we send no longer fits", null);
        } else {
          add(Severity.BREAKING, Change.RESPONSE_FIELD_RETYPED, field,
              "type " + types + ": the field no longer decodes into our model", null);
        }
        return;
      }
      if ((changed.isChangeFormat() || changed.isChangedType()) && !format(old).equals(format(neu))) {
        String formats = "format " + format(old) + " → " + format(neu);
        if (direction == Direction.REQUEST) {
          add(Severity.BREAKING, Change.FORMAT_CHANGED, field, formats + ": what we send no longer fits", null);
        } else {
          add(Severity.BREAKING, Change.RESPONSE_FIELD_RETYPED, field,
              formats + ": the field no longer decodes into our model", null);
        }
      }
      enumeration(changed.getEnumeration(), field, direction);
      if (direction == Direction.REQUEST) {
        constraints(changed, field);
      }
      Schema<?> ourNode = deref(ours);
      String owner = ownerName(ours);
      List<String> newlyRequired = changed.getRequired() == null ? List.of() : changed.getRequired().getIncreased();
      for (String name : changed.getIncreasedProperties().keySet()) {
        String child = join(path, name);
        String childField = where + " " + child;
        if (direction == Direction.REQUEST) {
          if (newlyRequired.contains(name)) {
            add(Severity.BREAKING, Change.FIELD_REQUIRED, childField,
                "new required field: calls without it are rejected", null);
          } else {
            add(Severity.COMPATIBLE, Change.FIELD_ADDED, childField, "new optional field", null);
          }
        } else if (owner != null && MappedFields.schemaIsMapped(mappedFields, owner)) {
          add(Severity.DEGRADED, Change.RESPONSE_FIELD_ADDED, childField,
              "new field of " + owner + " that common-model does not map: the domain model drops it", null);
        } else {
          add(Severity.COMPATIBLE, Change.RESPONSE_FIELD_ADDED, childField,
              "new field" + (owner == null ? "" : " of " + owner) + ", ignored when decoding", null);
        }
      }
      if (direction == Direction.REQUEST) {
        for (String name : newlyRequired) {
          boolean existing = !changed.getIncreasedProperties().containsKey(name)
              && !changed.getMissingProperties().containsKey(name);
          if (existing) {
            add(Severity.BREAKING, Change.FIELD_REQUIRED, where + " " + join(path, name),
                "now required: calls without it are rejected", null);
          }
        }
      }
      for (String name : changed.getMissingProperties().keySet()) {
        String childField = where + " " + join(path, name);
        if (direction == Direction.REQUEST) {
          add(Severity.BREAKING, Change.FIELD_REMOVED, childField,
              "no longer accepted: what we send in it is ignored or rejected", null);
        } else {
          add(Severity.BREAKING, Change.RESPONSE_FIELD_REMOVED, childField,
              "no longer sent: the data we read from it is lost", null);
        }
      }
      for (Map.Entry<String, ChangedSchema> property : changed.getChangedProperties().entrySet()) {
        schema(property.getValue(), where, join(path, property.getKey()), direction,
            property(ourNode, property.getKey()));
      }
      if (changed.getItems() != null) {
        schema(changed.getItems(), where, path + "[]", direction, ourNode == null ? null : ourNode.getItems());
      }
    }

    private void enumeration(ChangedEnum<?> values, String field, Direction direction) {
      if (values == null) {
        return;
      }
      for (Object removed : values.getMissing()) {
        if (direction == Direction.REQUEST) {
          add(Severity.BREAKING, Change.ENUM_VALUE_REMOVED, field,
              "value " + removed + " no longer accepted: calls sending it are rejected", null);
        }
      }
      for (Object added : values.getIncreased()) {
        if (direction == Direction.REQUEST) {
          add(Severity.COMPATIBLE, Change.ENUM_VALUE_ADDED, field, "new value " + added + " accepted", null);
        } else {
          add(Severity.DEGRADED, Change.RESPONSE_ENUM_VALUE_ADDED, field,
              "new value " + added + ": decodes as UNRECOGNIZED (the raw value is kept)", null);
        }
      }
    }

    /** Request constraints: narrower rejects what we send; wider is harmless. */
    private void constraints(ChangedSchema changed, String field) {
      ChangedMaxLength maxLength = changed.getMaxLength();
      if (maxLength != null) {
        limit(field, "maxLength", maxLength.getOldValue(), maxLength.getNewValue(), true);
      }
      ChangedMinLength minLength = changed.getMinLength();
      if (minLength != null) {
        limit(field, "minLength", minLength.getOldValue(), minLength.getNewValue(), false);
      }
      ChangedMaxItems maxItems = changed.getMaxItems();
      if (maxItems != null) {
        limit(field, "maxItems", maxItems.getOldValue(), maxItems.getNewValue(), true);
      }
      ChangedMinItems minItems = changed.getMinItems();
      if (minItems != null) {
        limit(field, "minItems", minItems.getOldValue(), minItems.getNewValue(), false);
      }
      ChangedNumericRange range = changed.getNumericRange();
      if (range != null) {
        limit(field, "maximum", range.getOldMaximumValue(), range.getNewMaximumValue(), true);
        limit(field, "minimum", range.getOldMinimumValue(), range.getNewMinimumValue(), false);
      }
      ChangedPattern pattern = changed.getPattern();
      if (pattern != null && !Objects.equals(pattern.getOldPattern(), pattern.getNewPattern())) {
        if (pattern.getNewPattern() == null) {
          add(Severity.COMPATIBLE, Change.CONSTRAINT_WIDENED, field, "pattern removed", null);
        } else {
          add(Severity.BREAKING, Change.CONSTRAINT_NARROWED, field, "pattern " + pattern.getOldPattern() + " → "
              + pattern.getNewPattern() + ": values we accept may be rejected", null);
        }
      }
    }

    /** An upper ({@code upper}) or lower bound moved; narrower when it excludes values we allowed. */
    private void limit(String field, String name, Object oldValue, Object newValue, boolean upper) {
      if (Objects.equals(oldValue, newValue) || newValue == null && oldValue == null) {
        return;
      }
      String change = name + " " + (oldValue == null ? "none" : oldValue) + " → "
          + (newValue == null ? "none" : newValue);
      boolean narrower;
      if (newValue == null) {
        narrower = false;
      } else if (oldValue == null) {
        narrower = true;
      } else {
        int order = new BigDecimal(newValue.toString()).compareTo(new BigDecimal(oldValue.toString()));
        if (order == 0) {
          return;
        }
        narrower = upper ? order < 0 : order > 0;
      }
      if (narrower) {
        add(Severity.BREAKING, Change.CONSTRAINT_NARROWED, field,
            change + ": values we accept are rejected by the marketplace", null);
      } else {
        add(Severity.COMPATIBLE, Change.CONSTRAINT_WIDENED, field, change, null);
      }
    }

    /** Our response schemas of a status, by media type (to name the schemas that own new fields). */
    private Map<String, Schema<?>> ourResponseSchemas(String status) {
      Map<String, Schema<?>> out = new LinkedHashMap<>();
      ApiResponse response = ours.operation().getResponses() == null ? null
          : ours.operation().getResponses().get(status);
      if (response != null && response.get$ref() != null && ourApi.getComponents() != null
          && ourApi.getComponents().getResponses() != null) {
        response = ourApi.getComponents().getResponses().get(refName(response.get$ref()));
      }
      if (response != null && response.getContent() != null) {
        for (Map.Entry<String, MediaType> media : response.getContent().entrySet()) {
          out.put(media.getKey(), media.getValue().getSchema());
        }
      }
      return out;
    }

    /** Our schema's named type (the generated class) when it is a {@code $ref}. */
    private String ownerName(Schema<?> schema) {
      if (schema == null) {
        return null;
      }
      if (schema.get$ref() != null) {
        return refName(schema.get$ref());
      }
      List<Schema> parts = schema.getAllOf();
      return parts != null && parts.size() == 1 ? ownerName(parts.get(0)) : null;
    }

    private Schema<?> deref(Schema<?> schema) {
      Schema<?> current = schema;
      for (int hops = 0; current != null && current.get$ref() != null && hops < 20; hops++) {
        Map<String, Schema> schemas = ourApi.getComponents() == null ? null : ourApi.getComponents().getSchemas();
        current = schemas == null ? null : schemas.get(refName(current.get$ref()));
      }
      return current;
    }

    /** A property of our schema, looking into {@code allOf} parts (generated as one flattened class). */
    private Schema<?> property(Schema<?> schema, String name) {
      if (schema == null) {
        return null;
      }
      if (schema.getProperties() != null && schema.getProperties().containsKey(name)) {
        return schema.getProperties().get(name);
      }
      if (schema.getAllOf() != null) {
        for (Schema<?> part : schema.getAllOf()) {
          Schema<?> found = property(deref(part), name);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }

    private void add(Severity severity, Change change, String field, String detail, Integer daysLeft) {
      findings.add(new Finding(severity, change, ours.id() == null ? ours.label() : ours.id(), ours.label(), field,
          detail, daysLeft));
    }
  }

  /** A document with one operation (path-level parameters folded in) under {@code path}, and all components. */
  private static OpenAPI single(OpenAPI api, Op op, String path) {
    Operation source = op.operation();
    List<Parameter> parameters = new ArrayList<>();
    if (op.item().getParameters() != null) {
      parameters.addAll(op.item().getParameters());
    }
    if (source.getParameters() != null) {
      parameters.addAll(source.getParameters());
    }
    Operation copy = new Operation()
        .operationId(source.getOperationId())
        .parameters(parameters.isEmpty() ? null : parameters)
        .requestBody(source.getRequestBody())
        .responses(source.getResponses());
    PathItem item = new PathItem();
    item.operation(op.method(), copy);
    return new OpenAPI()
        .openapi(api.getOpenapi())
        .info(api.getInfo())
        .components(api.getComponents() == null ? new Components() : api.getComponents())
        .paths(new Paths().addPathItem(path, item));
  }

  private static Object extension(Operation operation, String name) {
    return operation.getExtensions() == null ? null : operation.getExtensions().get(name);
  }

  private static LocalDate date(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Object value) {
    LocalDate date = date(value);
    return date != null ? date.toString() : String.valueOf(value);
  }

  private static String type(Schema<?> schema) {
    if (schema == null) {
      return "none";
    }
    if (schema.getType() != null) {
      return schema.getType();
    }
    return schema.getTypes() == null || schema.getTypes().isEmpty() ? "any" : String.join("|", schema.getTypes());
  }

  /** The format as generated code sees it: an integer without one is an int32. */
  private static String format(Schema<?> schema) {
    if (schema.getFormat() != null) {
      return schema.getFormat();
    }
    return type(schema).equals("integer") ? "int32" : "none";
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String format(double factor) {
    return factor == Math.rint(factor) ? String.format(Locale.ROOT, "%,d", (long) factor)
        : String.format(Locale.ROOT, "%.1f", factor);
  }
}
