package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.json.OpenEnum;
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
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.getValue() != null).map(OpenEnum::getValue)
        .iterator();
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.getValue() != null && constant.getValue().equalsIgnoreCase(value.trim())) {
        return constant;
      }
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
  }


  static final class ProcessingStatuses extends KnownValues<
      com.marketplacecontracts.yandex.model.OfferProcessingStatusType> {
    ProcessingStatuses() {
      super(com.marketplacecontracts.yandex.model.OfferProcessingStatusType.class);
    }
  }

  static final class CardStatuses extends KnownValues<com.marketplacecontracts.yandex.model.OfferCardStatusType> {
    CardStatuses() {
      super(com.marketplacecontracts.yandex.model.OfferCardStatusType.class);
    }
  }

  static final class Availabilities extends KnownValues<
      com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType> {
    Availabilities() {
      super(com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType.class);
    }
  }

  static final class MappingKinds extends KnownValues<com.marketplacecontracts.yandex.model.OfferMappingKindType> {
    MappingKinds() {
      super(com.marketplacecontracts.yandex.model.OfferMappingKindType.class);
    }
  }

  static final class OperationTypes extends KnownValues<com.marketplacecontracts.yandex.model.OperationType> {
    OperationTypes() {
      super(com.marketplacecontracts.yandex.model.OperationType.class);
    }
  }
}
