package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A run builds only the command it names, and answers exactly as the whole tree would. */
class LazyCommandTreeTest {

  private static final Map<String, String> ENV = Map.of("COLUMNS", "200", "YANDEX_MARKET_API_KEY", "k");

  private record Answer(int code, String out, String err) {
  }

  private static Answer run(CommandLine line, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return new Answer(line.execute(args), out.toString(), err.toString());
  }

  @Test
  void aRunThatNamesItsCommandAnswersAsTheWholeTreeDoes() {
    List<List<String>> runs = List.of(
        List.of("yandex", "--help"),
        List.of("yandex", "uin-status", "--help"),
        List.of("--json", "--quiet", "yandex", "uin-status"),
        List.of("--base-url", "http://127.0.0.1:9/", "yandex", "uin-statu"),
        List.of("--base-url=http://127.0.0.1:9/", "yandex", "notifications", "--help"),
        List.of("--base-url", "http://127.0.0.1:9/", "--quiet", "yandex", "uin-status", "--campaign-id", "0",
            "--order-id", "-3"),
        List.of("--base-url", "http://127.0.0.1:9/", "yandex", "offers", "--business-id", "1", "--limit", "0"),
        List.of("--yandex-api-key", "k", "teez", "--help"),
        List.of("teez", "import-status"),
        List.of("demo", "--bogus"),
        List.of("drift", "--help"),
        List.of("spec", "--help"),
        List.of("mock", "--help"));
    for (List<String> run : runs) {
      String[] args = run.toArray(String[]::new);
      String named = MarketplaceCli.named(args);
      assertThat(named).as("%s", run).isNotNull();
      CommandLine lazy = MarketplaceCli.commandLine(ENV, named);
      assertThat(lazy.getSubcommands().keySet()).as("%s", run).containsExactly(named);
      assertThat(run(lazy, args)).as("%s", run).isEqualTo(run(MarketplaceCli.commandLine(ENV), args));
    }
  }

  @Test
  void aRunThatNamesNoCommandForCertainGetsTheWholeTree() {
    for (List<String> run : List.of(List.<String>of(), List.of("--help"), List.of("-h"), List.of("--version"),
        List.of("yandx"), List.of("--base-url"), List.of("--base-url", "yandex", "uin-status"),
        List.of("--quiet", "@args.txt"), List.of("-x", "yandex"), List.of("--", "yandex"))) {
      assertThat(MarketplaceCli.named(run.toArray(String[]::new))).as("%s", run).isNull();
    }
    assertThat(MarketplaceCli.commandLine(ENV, null).getSubcommands().keySet())
        .containsExactly("teez", "yandex", "demo", "drift", "spec", "mock");
  }

  /** The words the root's options are known by: named() must pass over each, and over nothing else. */
  @Test
  void namedKnowsEveryRootOption() {
    CommandLine root = new CommandLine(new MarketplaceCli(ENV, true));
    Set<String> valued = root.getCommandSpec().options().stream().filter(o -> o.arity().max() > 0)
        .flatMap(o -> List.of(o.names()).stream()).collect(Collectors.toSet());
    Set<String> flags = root.getCommandSpec().options().stream().filter(o -> o.arity().max() == 0)
        .filter(o -> !o.usageHelp() && !o.versionHelp()).map(OptionSpec::longestName).collect(Collectors.toSet());
    for (String option : valued) {
      assertThat(MarketplaceCli.named(option, "v", "yandex")).as(option).isEqualTo("yandex");
      assertThat(MarketplaceCli.named(option + "=v", "yandex")).as(option).isEqualTo("yandex");
    }
    for (String flag : flags) {
      assertThat(MarketplaceCli.named(flag, "yandex")).as(flag).isEqualTo("yandex");
    }
    assertThat(valued.size() + flags.size()).isEqualTo(12);
    // and over nothing else: a word no root option is known by, or a flag's stray value, stops it
    assertThat(MarketplaceCli.named("--not-an-option", "yandex")).isNull();
    assertThat(MarketplaceCli.named("--not-an-option", "v", "yandex")).isNull();
    for (String flag : flags) {
      assertThat(MarketplaceCli.named(flag, "v", "yandex")).as(flag).isNull();
    }
  }
}
