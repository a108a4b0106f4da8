package com.marketplacecontracts.guard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.operation.ContractMismatch.Kind;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A body checked by a general JSON Schema validator over a Jackson tree of it: the path for schemas using what
 * {@link CompiledSchema} does not compile ({@code oneOf}, {@code anyOf}, {@code not}, ...), and the reference the
 * compiled checker is tested against.
 */
final class ValidatorSchema implements BodySchema {

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(ContractGuard.MAX_CHECKED_TOKENS)
          .maxNestingDepth(ContractGuard.MAX_CHECKED_DEPTH).build())
      .build());

  private final JsonSchema schema;

  ValidatorSchema(JsonSchema schema) {
    this.schema = schema;
  }

  @Override
  public void check(byte[] body, String operationId, Direction direction, List<ContractMismatch> found) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      found.add(notChecked(operationId, direction, CompiledSchema.TOO_BIG));
      return;
    } catch (IOException e) {
      found.add(new ContractMismatch(operationId, direction, Kind.CONSTRAINT, "$", "body is not JSON"));
      return;
    }
    if (json == null || json.isMissingNode()) {
      found.add(new ContractMismatch(operationId, direction, Kind.CONSTRAINT, "$", "body is empty"));
      return;
    }
    Set<ValidationMessage> messages;
    try {
      messages = schema.validate(json);
    } catch (RuntimeException | StackOverflowError e) {
      found.add(notChecked(operationId, direction, "the validator failed (" + e.getClass().getSimpleName() + ")"));
      return;
    }
    int reported = 0;
    for (ValidationMessage message : messages) {
      if (reported++ == ContractGuard.MAX_REPORTED) {
        found.add(notChecked(operationId, direction, CompiledSchema.more(messages.size() - ContractGuard.MAX_REPORTED)));
        break;
      }
      String location = message.getProperty() != null && "additionalProperties".equals(message.getType())
          ? message.getInstanceLocation().append(message.getProperty()).toString()
          : message.getInstanceLocation().toString();
      found.add(new ContractMismatch(operationId, direction, kind(message.getType()), location,
          message.getMessage()));
    }
  }

  static ContractMismatch notChecked(String operationId, Direction direction, String why) {
    return new ContractMismatch(operationId, direction, Kind.NOT_CHECKED, "$", why);
  }

  private static Kind kind(String validatorType) {
    return switch (validatorType == null ? "" : validatorType) {
      case "additionalProperties" -> Kind.UNKNOWN_FIELD;
      case "required" -> Kind.MISSING_REQUIRED;
      case "enum" -> Kind.UNKNOWN_ENUM_VALUE;
      case "type" -> Kind.WRONG_TYPE;
      default -> Kind.CONSTRAINT;
    };
  }
}
