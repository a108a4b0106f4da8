package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a table too wide for the terminal is narrowed: what it leaves out, what it cuts, and what it never cuts. */
class OutputTableTest {

  private final StringWriter out = new StringWriter();

  private Output output(int width) {
    return new Output(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false, false, width);
  }

  private static final Output.Column[] COLUMNS = {Output.Column.id("ID"), Output.Column.label("STATE"),
      Output.Column.text("NAME"), Output.Column.label("EMPTY")};

  @Test
  void emptyThenConstantColumnsGoFirstThenTextIsCutNeverTheId() {
    output(40).table(COLUMNS, List.of(
        new String[] {"OFFER-0123456789-ABCDEFGH", "READY", "A drill with a long name", ""},
        new String[] {"OFFER-2", "READY", "A saw", ""}));

    assertThat(out.toString().lines()).containsExactly(
        "ID                         NAME",
        "OFFER-0123456789-ABCDEFGH  A drill with…",
        "OFFER-2                    A saw",
        "(on every row: STATE READY)");
  }

  @Test
  void aTableThatFitsIsLeftWhole() {
    output(80).table(COLUMNS, List.of(new String[] {"1", "READY", "A saw", ""},
        new String[] {"2", "READY", "A saw", ""}));

    assertThat(out.toString().lines()).containsExactly("ID  STATE  NAME   EMPTY", "1   READY  A saw", "2   READY  A saw");
  }

  @Test
  void anIdWiderThanTheTerminalWrapsRatherThanBeingCutAndOneColumnAlwaysStays() {
    output(20).table(new Output.Column[] {Output.Column.id("ID"), Output.Column.label("STATE")}, List.of(
        new String[] {"OFFER-0123456789-ABCDEFGHIJ", "READY"}, new String[] {"OFFER-0123456789-ABCDEFGHIJ", "READY"}));

    assertThat(out.toString()).contains("OFFER-0123456789-ABCDEFGHIJ").doesNotContain("…");
    assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("ID");
  }
}
