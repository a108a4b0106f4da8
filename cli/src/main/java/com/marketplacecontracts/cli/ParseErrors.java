package com.marketplacecontracts.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line mistakes in plain words, the most telling first: an unknown command, then unknown options (each with
 * the nearest known one), and only then what picocli found (a missing required option, a bad value). The message
 * names the option and the rule, never a Java type.
 */
final class ParseErrors {

  private static final Pattern INVALID_OPTION = Pattern.compile(
      "Invalid value for option '([^']+)'(?: \\([^)]*\\))?: (.*)", Pattern.DOTALL);
  private static final Pattern INVALID_POSITIONAL = Pattern.compile(
      "Invalid value for positional parameter at index [0-9.*]+ \\(([^)]+)\\): (.*)", Pattern.DOTALL);
  /** An option of an argument group in picocli's words: {@code --business-id=B}. */
  private static final Pattern GROUP_MEMBER = Pattern.compile("(--[a-z][a-z-]*)=[^,|)\\s]+");
  /** A negative number is a value (an id that is then refused by its rule), not an option. */
  private static final Pattern NUMBER = Pattern.compile("-[0-9][0-9.]*");

  private ParseErrors() {
  }

  /** Prints the error for {@code e} (raised while parsing {@code args}) and returns the exit code, 2. */
  static int report(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(Terminal.safe("error: " + message(e, args)));
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  static String message(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    CommandSpec spec = command.getCommandSpec();
    if (e instanceof UnmatchedArgumentException unmatched && !spec.subcommands().isEmpty()
        && spec.positionalParameters().isEmpty()) {
      Optional<String> word = unmatched.getUnmatched().stream().findFirst().filter(a -> !a.startsWith("-"));
      if (word.isPresent()) {
        return "unknown command '" + word.get() + "'" + Suggest.closest(word.get(), spec.subcommands().keySet())
            .map(s -> ". Did you mean '" + s + "'?").orElse("; the commands are "
                + String.join(", ", spec.subcommands().keySet()));
      }
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Missing required subcommand")
        && !spec.subcommands().isEmpty()) {
      // a group of commands (yandex, prices...) does nothing by itself: say what it holds
      return "choose a command: " + choices(spec.subcommands().keySet());
    }
    List<String> unknown = unknownOptions(command, args);
    if (!unknown.isEmpty()) {
      Set<String> known = optionNames(command);
      List<String> parts = new ArrayList<>();
      for (String option : unknown) {
        parts.add("unknown option '" + option + "'" + Suggest.closest(option, known)
            .map(s -> ". Did you mean " + s + "?").orElse(""));
      }
      return String.join("; ", parts);
    }
    String text = e.getMessage() == null ? "invalid command line" : e.getMessage().replaceFirst("^Error: ", "");
    List<String> group = new ArrayList<>();
    Matcher member = GROUP_MEMBER.matcher(text);
    while (member.find()) {
      group.add(member.group(1));
    }
    if (text.contains("are mutually exclusive") && !group.isEmpty()) {
      return "give only one of " + choices(group) + ", not both";
    }
    if (text.startsWith("Missing required argument (specify one of these)") && !group.isEmpty()) {
      return "give one of " + choices(group);
    }
    if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
      // picocli's own wording ('Missing required option: '--to=YYYY-MM-DD'') in the tool's: what to give, how
      List<String> needed = new ArrayList<>();
      for (CommandLine.Model.ArgSpec arg : missing.getMissing()) {
        needed.add(arg instanceof CommandLine.Model.OptionSpec named
            ? named.longestName() + " " + named.paramLabel().replaceAll("[<>]", "")
            : arg.paramLabel().replaceAll("[<>]", ""));
      }
      return (needed.size() == 1 ? needed.get(0) + " is required" : "these are required: "
          + String.join(", ", needed)) + " (see --help)";
    }
    Matcher option = INVALID_OPTION.matcher(text);
    if (option.matches()) {
      return option.group(1) + ": " + option.group(2);
    }
    Matcher positional = INVALID_POSITIONAL.matcher(text);
    if (positional.matches()) {
      return positional.group(1) + ": " + positional.group(2);
    }
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      return "unexpected argument" + (unmatched.getUnmatched().size() > 1 ? "s " : " ")
          + String.join(" ", unmatched.getUnmatched().stream().map(a -> "'" + a + "'").toList());
    }
    return text;
  }

  /** {@code a, b or c} */
  static String choices(java.util.Collection<String> names) {
    List<String> all = List.copyOf(names);
    return all.size() == 1 ? all.get(0) : String.join(", ", all.subList(0, all.size() - 1)) + " or "
        + all.get(all.size() - 1);
  }

  /** The tokens that look like options (before a {@code --}) and that neither the command nor its parents know. */
  private static List<String> unknownOptions(CommandLine command, String[] args) {
    Set<String> known = optionNames(command);
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> subcommands = command.getSubcommands().keySet();
    for (String arg : args) {
      if (arg.equals("--") || subcommands.contains(arg)) {
        break; // what follows is a value, or a subcommand's
      }
      if (!arg.startsWith("-") || arg.equals("-") || NUMBER.matcher(arg).matches()) {
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!known.contains(name) && !clustered(name, known)) {
        unknown.add(name);
      }
    }
    return List.copyOf(unknown);
  }

  /** {@code -hV}: short options given together. */
  private static boolean clustered(String name, Set<String> known) {
    if (name.startsWith("--") || name.length() < 3) {
      return false;
    }
    if (known.contains(name.substring(0, 2))) {
      return true; // -pNAME=VALUE: a short option with its value attached
    }
    for (int i = 1; i < name.length(); i++) {
      if (!known.contains("-" + name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Option names of the command (the global options are inherited by every command, less the credentials of the
   * other marketplace, which are then unknown here too).
   */
  private static Set<String> optionNames(CommandLine command) {
    Set<String> names = new LinkedHashSet<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      names.addAll(List.of(option.names()));
    }
    return names;
  }

  /** For digits beyond a type's range: "too large (at most MAX)" or "too small (at least MIN)". */
  private static Optional<String> outOfRange(String value, long min, long max) {
    String digits = value.strip();
    if (!digits.matches("[+-]?[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(digits.startsWith("-") ? "too small (at least " + min + ")" : "too large (at most " + max
        + ")");
  }

  /** picocli converters whose refusals say what was expected in words. */
  static void registerConverters(CommandLine line) {
    CommandLine.ITypeConverter<Long> longs = value -> {
      if (value.strip().matches("[+-]?[0-9]{1,19}")) {
        try {
          return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
          // out of range: reported below
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is "
          + outOfRange(value, Long.MIN_VALUE, Long.MAX_VALUE).orElse("not a whole number"));
    };
    CommandLine.ITypeConverter<Integer> ints = value -> {
      if (value.strip().matches("[+-]?[0-9]{1,10}")) {
        try {
          return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
          // out of range: reported below
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is " + outOfRange(value, Integer.MIN_VALUE,
          Integer.MAX_VALUE).orElse("not a whole number (at most " + Integer.MAX_VALUE + ")"));
    };
    CommandLine.ITypeConverter<java.time.LocalDate> dates = value -> {
      try {
        return java.time.LocalDate.parse(value.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
      }
    };
    line.registerConverter(Long.class, longs);
    line.registerConverter(long.class, longs);
    line.registerConverter(Integer.class, ints);
    line.registerConverter(int.class, ints);
    line.registerConverter(java.time.LocalDate.class, dates);
  }
}
