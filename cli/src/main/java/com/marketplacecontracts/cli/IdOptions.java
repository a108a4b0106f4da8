package com.marketplacecontracts.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * The marketplace's ids given on the command line ({@code --campaign-id}, {@code --business-id}, {@code --order-id},
 * an {@code ORDER} argument...), refused below 1 before anything runs: the message names the option as the user typed
 * it, not the request field the library would name ({@code getBusinessOrdersRequest.campaignIds[]}), and comes before
 * any progress line.
 */
final class IdOptions {

  private IdOptions() {
  }

  /** Throws naming the first option or argument of {@code spec} whose id is below 1. */
  static void check(CommandSpec spec) {
    List<ArgSpec> ids = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.longestName().endsWith("-id")) {
        ids.add(option);
      }
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      if (positional.paramLabel().equals("ORDER")) {
        ids.add(positional);
      }
    }
    for (ArgSpec id : ids) {
      Object value = id.getValue();
      Collection<?> values = value instanceof Collection<?> many ? many : value == null ? List.of() : List.of(value);
      for (Object one : values) {
        if (one instanceof Long number && number < 1) {
          throw new ParameterException(spec.commandLine(), positive(name(id), number));
        }
      }
    }
  }

  /** The rule of an id, in words: {@code --campaign-id must be a positive whole number (1 or more), was 0}. */
  private static String positive(String name, long value) {
    return name + " must be a positive whole number (1 or more), was " + value;
  }

  private static String name(ArgSpec id) {
    return id instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) id).paramLabel();
  }
}
