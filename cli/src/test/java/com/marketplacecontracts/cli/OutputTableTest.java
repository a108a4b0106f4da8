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
    // every column is constant here: all but the first could go, and the first stays though it is too wide
    output(20).table(new Output.Column[] {Output.Column.id("ID"), Output.Column.label("STATE")}, List.of(
        new String[] {"OFFER-0123456789-ABCDEFGHIJ", "READY"}, new String[] {"OFFER-0123456789-ABCDEFGHIJ", "READY"}));

    // the id is whole on a line longer than the terminal (which wraps it), not cut to fit
    assertThat(out.toString().lines()).containsExactly(
        "ID",
        "OFFER-0123456789-ABCDEFGHIJ",
        "OFFER-0123456789-ABCDEFGHIJ",
        "(on every row: STATE READY)");
  }

  @Test
  void aSingleColumnTooWideStaysEvenWhenItIsTheSameOnEveryRow() {
    output(10).table(new Output.Column[] {Output.Column.id("ID")}, List.of(
        new String[] {"OFFER-0123456789"}, new String[] {"OFFER-0123456789"}));

    assertThat(out.toString().lines()).containsExactly("ID", "OFFER-0123456789", "OFFER-0123456789");
  }

  @Test
  void freeTextIsNotCutToItsFloorWhileALabelKeepsRoomItCouldGive() {
    // ids take 33 of 60 columns; the label (21 wide) and the notes (39 wide) share what is left, about evenly
    output(60).table(new Output.Column[] {Output.Column.id("OPERATION"), Output.Column.label("API"),
        Output.Column.id("QUOTA"), Output.Column.text("NOTES")}, List.of(
        new String[] {"updatePrices-xxxxxxxx", "businessoffermappings", "1000/h",
            "batch offers<=2000; job getReportInfo!!"},
        new String[] {"getCampaign", "campaigns", "10 items/min", "paged"}));

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).allMatch(l -> l.length() <= 60);
    assertThat(lines.get(1)).isEqualTo("updatePrices-xxxxxxxx  businesso…  1000/h        batch offe…");
    assertThat(lines.get(2)).isEqualTo("getCampaign            campaigns   10 items/min  paged");
  }

  @Test
  void anOrderWithoutAmountsHasNoMoneyInItsJsonAndOneWithAmountsKeepsThem() {
    Output json = new Output(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), true, false, 80);
    json.json(order(com.marketplacecontracts.model.OrderMoney.NONE));
    json.json(order(new com.marketplacecontracts.model.OrderMoney(
        new com.marketplacecontracts.model.Money(java.math.BigDecimal.TEN, "RUR"), null, null, null, null, null)));

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).doesNotContain("money").contains("\"orderId\":\"7\"");
    assertThat(lines.get(1)).contains("\"money\":{\"payment\":{\"amount\":10,\"currency\":\"RUR\"}}");
  }

  private static com.marketplacecontracts.model.Order order(com.marketplacecontracts.model.OrderMoney money) {
    return new com.marketplacecontracts.model.Order(com.marketplacecontracts.core.operation.Marketplace.YANDEX_MARKET,
        "7", "1", null, com.marketplacecontracts.model.OrderStatus.values()[0], "PROCESSING", null, true, false, false,
        null, null, null, null, null, List.of(), money);
  }
}
