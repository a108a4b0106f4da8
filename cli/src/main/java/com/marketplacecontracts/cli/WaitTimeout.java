package com.marketplacecontracts.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout SECONDS} of the {@code --wait} commands: a whole number from 1 to 86400 (one day). */
final class WaitTimeout implements ITypeConverter<Long> {

  static final long MAX_SECONDS = 86_400;

  @Override
  public Long convert(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a whole number of seconds from 1 to " + MAX_SECONDS);
    }
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw new TypeConversionException("must be from 1 to " + MAX_SECONDS + " seconds");
    }
    return seconds;
  }
}
