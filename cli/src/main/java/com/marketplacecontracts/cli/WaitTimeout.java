package com.marketplacecontracts.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout SECONDS} of the {@code --wait} commands: a whole number from 1 to 86400 (one day). */
final class WaitTimeout implements ITypeConverter<Long> {

  static final long MAX_SECONDS = 86_400;

  /**
   * Refuses {@code --timeout} without {@code --wait} on a command that has both: the timeout would be silently
   * ignored, and the run read once instead of waited for.
   */
  static void check(picocli.CommandLine.Model.CommandSpec spec) {
    picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed != null && spec.findOption("--wait") != null && parsed.hasMatchedOption("--timeout")
        && !parsed.hasMatchedOption("--wait")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout applies only with --wait:"
          + " add --wait to wait for the result, or leave --timeout out");
    }
  }

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
