package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.json.OpenEnum;
import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import com.marketplacecontracts.yandex.model.OperationType;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * The values of a generated enum a user may pass: the spec's, not {@code UNRECOGNIZED} (which only stands for values
 * a marketplace sends that this client does not know). Serves as picocli completion candidates and converter.
 */
class KnownValues<E extends Enum<E> & OpenEnum> implements Iterable<String>, ITypeConverter<E> {

  private final Class<E> type;

  KnownValues(Class<E> type) {
    this.type = type;
  }

  @Override
  public Iterator<String> iterator() {
    return values().iterator();
  }

  /** The values offered: the spec's, less those this use of them does not take. */
  java.util.List<String> values() {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.getValue() != null && offered(e))
        .map(OpenEnum::getValue).toList();
  }

  /** Whether {@code value} is offered (and taken) here; every value of the spec by default. */
  boolean offered(E value) {
    return true;
  }

  /** A hint for a value that is none of these, when it is close to a value of another kind (a substatus). */
  String elsewhere(String value) {
    return "";
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.getValue() != null && offered(constant) && constant.getValue().equalsIgnoreCase(value.trim())) {
        return constant;
      }
    }
    String hint = Suggest.closest(value.trim(), values()).map(s -> " Did you mean " + s + "?")
        .orElseGet(() -> elsewhere(value.trim()));
    java.util.List<String> values = values();
    if (values.size() > MAX_LISTED) {
      // a list of a hundred values hides the answer: the closest few, and where the rest are
      throw new CommandLine.TypeConversionException("'" + value + "' is not one of the " + values.size()
          + " values." + hint + " The closest: " + String.join(", ", Suggest.nearest(value.trim(), values, 5))
          + " (the command's --help lists them all).");
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", this) + "."
        + hint);
  }

  /** Up to this many values are listed whole in a refusal; more are shown as the closest few. */
  static final int MAX_LISTED = 20;

  static final class ProcessingStatuses extends KnownValues<OfferProcessingStatusType> {
    ProcessingStatuses() {
      super(OfferProcessingStatusType.class);
    }
  }

  static final class CardStatuses extends KnownValues<OfferCardStatusType> {
    CardStatuses() {
      super(OfferCardStatusType.class);
    }
  }

  static final class Availabilities extends KnownValues<OfferAvailabilityStatusType> {
    Availabilities() {
      super(OfferAvailabilityStatusType.class);
    }
  }

  static final class MappingKinds extends KnownValues<OfferMappingKindType> {
    MappingKinds() {
      super(OfferMappingKindType.class);
    }
  }

  static final class OperationTypes extends KnownValues<OperationType> {
    OperationTypes() {
      super(OperationType.class);
    }
  }
}
