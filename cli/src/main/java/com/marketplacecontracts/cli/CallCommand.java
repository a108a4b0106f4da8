package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.MarketplaceCall;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code marketplace yandex call OPERATION_ID [--param NAME=VALUE]... [--body FILE|-] [--output FILE]}. */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Call any covered operation of the spec by its operationId (list them: marketplace yandex"
        + " operations). Parameters go where the spec says (path, query, header); each is checked before anything is"
        + " sent, and the call is limited and retried like the typed commands. The answer is printed as JSON;"
        + " a binary answer (a PDF label, an XLS act) is saved with --output.",
        "call OPERATION_ID --help: that operation's parameters (where each goes, required, type, rule) and body."})
final class CallCommand extends YandexCommand.Base {

  /** A JSON request body read from a file or standard input is at most this long. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  @Parameters(index = "0", paramLabel = "OPERATION_ID", description = "e.g. getCampaigns, updateStocks")
  String operationId;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A parameter; repeat a name for an array; a file part as NAME=@PATH.")
  List<String> params = List.of();

  @Option(names = "--body", paramLabel = "FILE|-", description = "The JSON request body, from a file or - (stdin).")
  String body;

  @Option(names = "--output", paramLabel = "FILE", description = "Where a binary answer is saved.")
  Path output;

  @Option(names = "--all-pages", description = "For an operation the spec declares paged: every page, one JSON line"
      + " each (the next token read where the spec says).")
  boolean allPages;

  @Option(names = "--wait", description = "For an operation that starts a declared job (a report): wait until it"
      + " is done; exit 6 when still pending at --timeout, 5 when it failed.")
  boolean await;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = WaitTimeout.class,
      description = "With --wait: give up after this many seconds, 1 to 86400 (default ${DEFAULT-VALUE}).")
  long timeout;

  /**
   * {@code call OPERATION_ID --help} also describes that operation's parameters and body ({@link OperationHelp}),
   * after the command's own options: picocli has set the operation id when it renders the help.
   */
  static void describeOperationInHelp(picocli.CommandLine call) {
    String key = "operation";
    call.getHelpSectionMap().put(key, help -> {
      String id = ((CallCommand) call.getCommand()).operationId;
      if (id == null) {
        return "%nGive an OPERATION_ID before --help to see its parameters (call getCampaigns --help).%n"
            .formatted();
      }
      return YandexMarketClient.operationIndex().find(id).map(op -> "\n" + OperationHelp.describe(op))
          .orElse("\nNo operation '" + Terminal.safe(id) + "' in the spec" + Suggest.closest(id, YandexMarketClient
              .operationIndex().all().stream().map(OperationIndex.Operation::id).toList()).map(s -> ". Did you mean "
              + s + "?").orElse("") + " (list them: marketplace yandex operations)\n");
    });
    List<String> keys = new ArrayList<>(call.getHelpSectionKeys());
    keys.add(keys.indexOf(picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), key);
    call.setHelpSectionKeys(keys);
  }

  @Override
  public Integer call() {
    if (YandexMarketClient.operationIndex().find(operationId).isEmpty()) {
      List<String> known = YandexMarketClient.operationIndex().all().stream().map(op -> op.spec().id()).toList();
      throw new ParameterException(spec.commandLine(), "unknown operation '" + Terminal.safe(operationId) + "'"
          + Suggest.closest(operationId, known).map(s -> ". Did you mean " + s + "?").orElse("")
          + " (list them: marketplace yandex operations)");
    }
    return super.call();
  }

  /** An operation the spec does not declare read-only changes data (x-read-only, read from the index). */
  @Override
  String change() {
    return YandexMarketClient.operationIndex().find(operationId).filter(op -> !op.spec().readOnly())
        .map(op -> "call " + op.spec().id()).orElse(null);
  }

  @Override
  Integer run(YandexMarketClient market, Output out) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "--param: NAME=VALUE expected, was "
            + Terminal.safe(param));
      }
      values.computeIfAbsent(param.substring(0, eq), k -> new java.util.ArrayList<>()).add(param.substring(eq + 1));
    }
    boolean binary = YandexMarketClient.operationIndex().find(operationId)
        .map(op -> op.answerType() == Download.class).orElse(false);
    if (binary && output == null) {
      throw new ParameterException(spec.commandLine(), operationId + " answers a file: give --output FILE");
    }
    String json = readBody();
    OperationIndex.Operation operation = YandexMarketClient.operationIndex().find(operationId).orElse(null);
    if (allPages) {
      if (operation == null || operation.spec().pageToken().isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--all-pages: " + operationId
            + " is not declared paged in the spec");
      }
      String tokenName = operation.spec().pageToken();
      List<String> start = values.remove(tokenName);
      market.pages(start == null ? null : start.get(0), token -> {
        Map<String, List<String>> page = new LinkedHashMap<>(values);
        if (token != null) {
          page.put(tokenName, List.of(token));
        }
        return call(market, operation, page, json);
      }, List::of).forEach(out::json);
      return ExitCodes.OK;
    }
    MarketplaceCall<?> call = call(market, operation, values, json);
    if (await) {
      if (operation == null || operation.spec().jobStatus().isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--wait: " + operationId
            + " starts no job the spec declares");
      }
      var result = market.startAndAwait(call, com.marketplacecontracts.core.polling.AwaitOptions.timeout(
          java.time.Duration.ofSeconds(timeout)));
      out.json(result.last() == null ? Map.of() : result.last());
      if (!result.settled()) {
        out.error(operationId + ": still pending after " + Target.seconds(result.elapsed()) + " (exit "
            + ExitCodes.WAIT_TIMED_OUT + ")");
        return ExitCodes.WAIT_TIMED_OUT;
      }
      return ExitCodes.OK;
    }
    Object answer = call.execute();
    if (answer instanceof Download download) {
      if (download.contentType().filter(type -> type.toLowerCase(Locale.ROOT).contains("pdf")).isPresent()
          && !download.isPdf()) {
        // as yandex labels: a PDF answer that is not one is not saved as one
        download.delete();
        out.error("error: " + operationId + ": the answer was not a PDF (" + Plural.of(download.size(), "byte")
            + ", not starting with %PDF-); nothing saved");
        return ExitCodes.FAILURE;
      }
      Path saved = download.saveTo(output);
      out.progress("saved " + Plural.of(download.size(), "byte") + " (" + download.contentType().orElse("unknown type")
          + ") to " + saved);
      return ExitCodes.OK;
    }
    out.json(answer == null ? Map.of() : answer);
    return ExitCodes.OK;
  }

  private String readBody() {
    if (body == null) {
      return null;
    }
    try (InputStream in = body.equals("-") ? System.in : Files.newInputStream(Path.of(body))) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ParameterException(spec.commandLine(), "--body: larger than " + MAX_BODY_BYTES + " bytes");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      checkJson(text);
      return text;
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--body: cannot read " + Terminal.safe(body));
    }
  }

  /**
   * Refuses a body that is not JSON, saying where (the path of the value it stops at) in words, not the JSON
   * reader's advice to its programmer.
   */
  private void checkJson(String text) {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
    String problem;
    try {
      reader.readJsonValue();
      if (reader.peek() == JsonReader.Token.END_DOCUMENT) {
        return;
      }
      problem = "more follows the JSON value";
    } catch (JsonEncodingException e) {
      String message = String.valueOf(e.getMessage());
      problem = message.contains("setLenient") ? "unexpected text"
          : message.replaceFirst(" at path .*", "").toLowerCase(Locale.ROOT);
    } catch (java.io.EOFException e) {
      problem = "it ends too early";
    } catch (IOException | JsonDataException e) {
      problem = "it cannot be read (" + String.valueOf(e.getMessage()).replaceFirst(" at path .*", "") + ")";
    }
    throw new ParameterException(spec.commandLine(), "--body " + Terminal.safe(body) + " is not valid JSON: "
        + problem + " at " + reader.getPath() + " (nothing was sent)");
  }

  /**
   * The call, its parameters checked by the library; a refusal in the words of the command line: an unknown
   * parameter with the nearest the operation has.
   */
  private MarketplaceCall<?> call(YandexMarketClient market, OperationIndex.Operation operation,
      Map<String, List<String>> values, String json) {
    try {
      return market.call(operationId, values, json);
    } catch (RequestValidationException e) {
      List<String> names = operation == null ? List.of() : operation.parameters().stream()
          .filter(p -> p.in() != OperationIndex.In.BODY).map(OperationIndex.Parameter::name).toList();
      List<RequestValidationException.Violation> worded = new ArrayList<>();
      for (RequestValidationException.Violation v : e.violations()) {
        String rule = v.rule();
        if (rule.startsWith("no such parameter of ")) {
          rule += Suggest.closest(v.field(), names).map(s -> "; did you mean " + s + "?").orElse("");
        }
        worded.add(new RequestValidationException.Violation(v.field(), v.value(), rule));
      }
      throw new RequestValidationException(e.marketplace(), e.operationId(), worded);
    }
  }

  /**
   * One row of {@code yandex operations}: {@code paged}, {@code batch} and {@code job} are null where the operation
   * declares none (absent from the JSON).
   */
  public record Row(String operationId, String api, String decision, boolean idempotent, boolean readOnly,
      String quota, String paged, String batch, String job) {

    /** A quota in few characters: 10000 a minute of the request's items as "10000 items/min". */
    static String briefQuota(ApiOperation spec) {
      if (spec.quotas().length == 0) {
        return "";
      }
      ApiOperation.Quota quota = spec.quotas()[0];
      String period = switch (quota.period()) {
        case "seconds" -> "s";
        case "minutes" -> "min";
        case "hours" -> "h";
        case "days" -> "day";
        default -> quota.period();
      };
      // a quota counts requests ("resp"), the request's items ("req.*") or the answer's ("resp.*")
      String unit = spec.quotaUnit().startsWith("req.") ? " items" : spec.quotaUnit().startsWith("resp.")
          ? " answered" : "";
      return quota.amount() + unit + "/" + (quota.periodDuration() == 1 ? "" : quota.periodDuration() + " ")
          + period;
    }

    static Row of(OperationIndex.Operation op) {
      var spec = op.spec();
      String api = op.api().getSimpleName().replaceFirst("Api$", "");
      return new Row(spec.id(), api.toLowerCase(Locale.ROOT),
          spec.decision() + (spec.replacementOperationId().isEmpty() ? "" : ", deprecated"), spec.idempotent(),
          spec.readOnly(), briefQuota(spec), spec.pageToken().isEmpty() ? null : spec.pageToken(),
          spec.batchField().isEmpty() ? null : spec.batchField() + "≤" + spec.batchMaxItems(),
          spec.jobStatus().isEmpty() ? null : spec.jobStatus());
    }
  }
}
