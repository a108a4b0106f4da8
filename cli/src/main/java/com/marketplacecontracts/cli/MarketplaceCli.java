package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.mock.PrismUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code marketplace}: the Teez and Yandex Market clients on the command line. */
@Command(name = "marketplace", mixinStandardHelpOptions = true, versionProvider = MarketplaceCli.Version.class,
    description = {"Query Teez and Yandex Market seller APIs. Without --base-url or credentials, reads go to an"
        + " embedded Prism mock started from the project's specs; a command that changes data (prices update,"
        + " stocks update, order-status, call of an operation the spec does not mark read-only) is then refused"
        + " unless --mock says the mock is meant."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done",
        "2:bad input (the field and rule are named; nothing was sent)",
        "3:the marketplace rejected the request (4xx other than rate limits; its error codes are shown)",
        "4:still rate limited after retries",
        "5:server error, network failure, an unreadable or oversized response, a refused redirect, a listing"
            + " stopped by its guards, or items or orders left NOT_SENT (send them again)",
        "6:--wait gave up: still pending at --timeout (the last state is printed; --json has \"settled\":false)",
        "7:local setup problem (the embedded mock cannot start: Prism is not installed; the message says what to run)"},
    footerHeading = "%nCredentials (environment, or the flags above; never printed):%n",
    footer = {"  YANDEX_MARKET_API_KEY      Yandex API-Key token (Api-Key header)",
        "  YANDEX_MARKET_OAUTH_TOKEN  Yandex OAuth token (Authorization: Bearer)",
        "  TEEZ_ACCESS_TOKEN          a ready Teez bearer token (JWT)",
        "  TEEZ_CLIENT_ID             Teez client id and secret, exchanged for a token",
        "  TEEZ_CLIENT_SECRET         at POST /api/v1/auth/token",
        "  Both Yandex credentials set: the API key is sent, the OAuth token is not used.",
        "  With --mock no credential is used (the mock gets placeholders).",
        "%nEnvironment:",
        "  MARKETPLACE_HOME           a checkout whose specs/ the embedded mock serves",
        "                             (default: the specs bundled in the jar)",
        "  MARKETPLACE_LIMITS_STORE   as --limits-store",
        "  COLUMNS                    table width on a terminal",
        "                             (the launcher passes the terminal's)"})
public final class MarketplaceCli implements Runnable {

  @Option(names = "--base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Send requests to this URL (a mock, a proxy) instead of production.")
  String baseUrl;

  @Option(names = "--mock", scope = ScopeType.INHERIT,
      description = "Send every request to the embedded Prism mock (the spec's examples), even with credentials set"
          + " (they are then not used); needed to run a command that changes data against the mock.")
  boolean mock;

  @Option(names = "--limits-store", scope = ScopeType.INHERIT, paramLabel = "URI",
      description = "Share the account's quotas and parallel slots with every run and process that names the same"
          + " store, e.g. redis://127.0.0.1:6379 (default: MARKETPLACE_LIMITS_STORE, else this run only).")
  String limitsStore;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print JSON for scripts instead of tables and text (each command's help says its shape).")
  boolean json;

  @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "No progress or notes on stderr.")
  boolean quiet;

  @Option(names = "--wide", scope = ScopeType.INHERIT,
      description = "Print table cells whole (tables on a terminal are otherwise cut to its width, $COLUMNS or"
          + " 80; redirected to a file or a pipe they are whole).")
  boolean wide;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  boolean debug;

  @Option(names = "--yandex-api-key", scope = ScopeType.INHERIT, paramLabel = "KEY", arity = "1",
      description = "Yandex API-Key token (default: $YANDEX_MARKET_API_KEY).")
  String yandexApiKey;

  @Option(names = "--yandex-oauth-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "Yandex OAuth token (default: $YANDEX_MARKET_OAUTH_TOKEN).")
  String yandexOauthToken;

  @Option(names = "--teez-access-token", scope = ScopeType.INHERIT, paramLabel = "JWT",
      description = "Teez bearer token (default: $TEEZ_ACCESS_TOKEN).")
  String teezAccessToken;

  @Option(names = "--teez-client-id", scope = ScopeType.INHERIT, paramLabel = "ID",
      description = "Teez client id (default: $TEEZ_CLIENT_ID).")
  String teezClientId;

  @Option(names = "--teez-client-secret", scope = ScopeType.INHERIT, paramLabel = "SECRET",
      description = "Teez client secret (default: $TEEZ_CLIENT_SECRET).")
  String teezClientSecret;

  @Spec
  CommandSpec spec;

  /** HOST:PORT the running command's requests go to (set by its {@link Target}), named by a network failure. */
  volatile String destination;

  private final Map<String, String> env;
  /** Whether stdout is a terminal: tables are cut to its width only then (a file or a pipe gets whole cells). */
  private final boolean stdoutTerminal;

  MarketplaceCli(Map<String, String> env, boolean stdoutTerminal) {
    this.env = env;
    this.stdoutTerminal = stdoutTerminal;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: teez, yandex, demo, drift, spec or mock");
  }

  /** Output for a command, from the global options. */
  Output output(CommandSpec command) {
    return new Output(command.commandLine().getOut(), command.commandLine().getErr(), json, quiet, tableWidth());
  }

  /**
   * --wide, or stdout not a terminal (redirected to a file, piped): no limit; else $COLUMNS (the launcher passes the
   * terminal's), else 80.
   */
  private int tableWidth() {
    if (wide || !stdoutTerminal) {
      return 0;
    }
    String columns = env.get("COLUMNS");
    if (columns != null && columns.matches("[0-9]{1,4}") && Integer.parseInt(columns) >= 20) {
      return Integer.parseInt(columns);
    }
    return 80;
  }

  /** Runs a command's body with its output and a target that is closed (mocks stopped) afterwards. */
  static int withTarget(CommandSpec command, boolean forceMock, BiFunction<Target, Output,
      Integer> body) {
    return withTarget(command, forceMock, null, body);
  }

  /**
   * As {@link #withTarget(CommandSpec, boolean, BiFunction)}, for a command that changes data at the marketplace
   * when {@code change} (what it changes, for the refusal) is not null: without credentials, --base-url or --mock
   * it is refused before anything is read or sent, since the embedded mock would accept it as if it had been done.
   */
  static int withTarget(CommandSpec command, boolean forceMock, String change, BiFunction<Target, Output,
      Integer> body) {
    MarketplaceCli root = (MarketplaceCli) command.root().userObject();
    if (root.mock && root.baseUrl != null) {
      throw new CommandLine.ParameterException(command.commandLine(), "--mock and --base-url both say where"
          + " requests go: give one of them");
    }
    Output output = root.output(command);
    try (Target target = new Target(root, root.env, output, forceMock || root.mock)) {
      if (change != null) {
        target.refuseUnmeantMock(command.commandLine(), change);
      }
      try {
        return body.apply(target, output);
      } catch (MarketplaceException e) {
        throw target.setupFailure().map(RuntimeException.class::cast).orElse(e);
      }
    }
  }

  public static void main(String[] args) {
    // Hibernate Validator logs its version through jboss-logging; route it to slf4j-nop, not stderr.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    quietLibraryLogs(args);
    System.exit(run(System.getenv(), args));
  }

  /**
   * Libraries that log through {@code java.util.logging} (the Redis client and its network layer) would print dated
   * lines among the CLI's own on stderr, {@code --quiet} or not: their handlers are removed unless {@code --debug}.
   * What matters reaches the user as the CLI's own words (a Redis store that cannot be reached is a warning).
   */
  static void quietLibraryLogs(String[] args) {
    if (!Arrays.asList(args).contains("--debug")) {
      java.util.logging.LogManager.getLogManager().reset();
    }
  }

  /** Runs the tool; even an unexpected error ends in a one-line message and exit code 5 (a trace with --debug). */
  static int run(Map<String, String> env, String... args) {
    CommandLine line = commandLine(env, named(args), stdoutIsTerminal());
    try {
      return line.execute(args);
    } catch (RuntimeException | Error e) {
      PrintWriter err = line.getErr();
      err.println(Terminal.safe(UriMask.mask("error: internal failure: " + e)));
      if (Arrays.asList(args).contains("--debug")) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        trace.toString().lines().forEach(traceLine -> err.println(Terminal.safe(UriMask.mask(traceLine))));
      }
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  private static void dropOptions(CommandLine root, String name, List<String> prefixes) {
    CommandLine command = root.getSubcommands().get(name);
    if (command != null) {
      dropOptions(command, prefixes);
    }
  }

  private static void dropOptions(CommandLine command, List<String> prefixes) {
    for (OptionSpec option : List.copyOf(command.getCommandSpec().options())) {
      if (prefixes.stream().anyMatch(option.longestName()::startsWith)) {
        command.getCommandSpec().remove(option);
      }
    }
    command.getSubcommands().values().forEach(sub -> dropOptions(sub, prefixes));
  }

  /** The tool's commands, in the order {@code --help} lists them. */
  private static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("teez", TeezCommand.class);
    commands.put("yandex", YandexCommand.class);
    commands.put("demo", DemoCommand.class);
    commands.put("drift", DriftCommand.class);
    commands.put("spec", SpecCommand.class);
    commands.put("mock", MockCommand.class);
    return Collections.unmodifiableMap(commands);
  }

  /** The root's options that take a value, and its flags: the words {@link #named} may pass over. */
  private static final Set<String> VALUED_OPTIONS = Set.of("--base-url", "--limits-store", "--yandex-api-key",
      "--yandex-oauth-token", "--teez-access-token", "--teez-client-id", "--teez-client-secret");
  private static final Set<String> FLAGS = Set.of("--json", "--quiet", "--wide", "--debug", "--mock");

  /**
   * The command {@code args} run, when that is certain from the words before it (the tool's own options, each
   * whole); else {@code null}: help, a version, a typo or an {@code @file} need the whole tree to answer as they do.
   */
  static String named(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (COMMANDS.containsKey(arg)) {
        return arg;
      }
      int equals = arg.indexOf('=');
      if (VALUED_OPTIONS.contains(arg)) {
        if (i + 1 < args.length && COMMANDS.containsKey(args[i + 1])) {
          return null; // picocli refuses a command's name as a value, and names the command in its message
        }
        i++;
      } else if (!FLAGS.contains(arg) && !(equals > 0 && VALUED_OPTIONS.contains(arg.substring(0, equals)))) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether this process's stdout is a terminal. The JVM knows only whether it has a console: before Java 22 one
   * exists only when stdin and stdout are a terminal; from 22 on it always exists and {@code isTerminal()} says.
   */
  static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** The command line with this tool's error handling and exit codes, every command in it. */
  static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, null);
  }

  /**
   * The command line with this tool's error handling and exit codes; with {@code only}, that command alone under
   * the root: a run builds (reads the annotations of, fills the options of) no command it cannot reach, which is
   * most of a short call's start-up.
   */
  static CommandLine commandLine(Map<String, String> env, String only) {
    return commandLine(env, only, true);
  }

  /** As {@link #commandLine(Map, String)}, for a stdout that is a terminal ({@code stdoutTerminal}) or not. */
  static CommandLine commandLine(Map<String, String> env, String only, boolean stdoutTerminal) {
    MarketplaceCli root = new MarketplaceCli(env, stdoutTerminal);
    CommandLine line = new CommandLine(root);
    COMMANDS.forEach((name, command) -> {
      if (only == null || only.equals(name)) {
        line.addSubcommand(command);
      }
    });
    line.setCaseInsensitiveEnumValuesAllowed(true);
    // Each marketplace's commands take (and their --help shows) only that marketplace's credential flags.
    dropOptions(line, "teez", List.of("--yandex-"));
    dropOptions(line, "yandex", List.of("--teez-"));
    dropOptions(line, "demo", List.of("--yandex-", "--teez-", "--mock")); // demo always runs on the mock
    dropOptions(line, "mock", List.of("--yandex-", "--teez-", "--base-url", "--limits-store", "--mock"));
    // The notification commands call no marketplace API: no credentials, base URL or limits store.
    CommandLine yandex = line.getSubcommands().get("yandex");
    if (yandex != null) {
      CallCommand.describeOperationInHelp(yandex.getSubcommands().get("call"));
      dropOptions(yandex.getSubcommands().get("notifications"), List.of("--yandex-", "--base-url", "--limits-store",
          "--mock"));
    }
    ParseErrors.registerConverters(line);
    line.setParameterExceptionHandler(ParseErrors::report);
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof RequestValidationException invalid) {
        err.println("error: invalid input, nothing was sent:");
        invalid.violations().forEach(v -> err.println(Terminal.safe("  " + optionFor(commandLine.getCommandSpec(),
            v.field()) + " = " + (v.value() == null || v.value().equals("null") ? "(none)" : v.value()) + ": "
            + Rules.forHumans(v.rule()))));
      } else if (e instanceof MarketplaceException failure) {
        err.println(Terminal.safe("error: " + Humane.network(failure.getMessage(), failure, root.destination)));
      } else if (e instanceof PrismUnavailableException) {
        err.println(Terminal.safe("error: the embedded mock could not start: " + e.getMessage()));
      } else {
        err.println(Terminal.safe(UriMask.mask("error: " + e)));
      }
      if (root.debug) {
        // a cause's message may quote a URI given on the command line (a store's password, an upstream's token)
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        trace.toString().lines().forEach(traceLine -> err.println(Terminal.safe(UriMask.mask(traceLine))));
      }
      err.flush();
      return ExitCodes.of(e);
    });
    return line;
  }

  /** Library fields that an option of another name sets. */
  private static final Map<String, String> FIELD_OPTIONS = Map.of("apiKey", "--yandex-api-key",
      "oauthToken", "--yandex-oauth-token", "accessToken", "--teez-access-token", "clientId", "--teez-client-id",
      "clientSecret", "--teez-client-secret", "pageSize", "--limit");

  /**
   * The command-line name of a field the library names in a violation (campaignId, to, apiKey): the option of
   * {@code command} that set it ({@code --campaign-id}), a {@code call} parameter as {@code --param NAME}, else the
   * field as it is (a path inside a body, a column of a file).
   */
  static String optionFor(CommandSpec command, String field) {
    if (field == null || field.startsWith("-") || !field.matches("[a-z][A-Za-z0-9]*")) {
      return field;
    }
    String option = FIELD_OPTIONS.getOrDefault(field, "--" + field.replaceAll("([A-Z])", "-$1")
        .toLowerCase(java.util.Locale.ROOT));
    if (command.findOption(option) != null) {
      return option;
    }
    return command.findOption("--param") != null ? "--param " + field : field;
  }

  /** {@code --version}: the library's version, as the build recorded it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"marketplace " + ClientRuntime.version()};
    }
  }
}
