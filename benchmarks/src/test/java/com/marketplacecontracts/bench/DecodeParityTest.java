package com.marketplacecontracts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The decode benchmark compares like with like: both decoders read each page to equal, fully filled objects. */
class DecodeParityTest {

  @Test
  void moshiAndJacksonDecodeBothPagesToEqualObjects() throws Exception {
    DecodeBenchmark benchmark = new DecodeBenchmark();
    benchmark.setUp();

    assertThat(benchmark.moshiTyped()).isEqualTo(benchmark.jacksonDatabind());
    assertThat(benchmark.moshiTyped().getResult().getOfferMappings()).hasSize(DecodeBenchmark.PAGE_SIZE);
    assertThat(benchmark.orderMoshiTyped()).isEqualTo(benchmark.orderJacksonDatabind());
    assertThat(benchmark.orderMoshiTyped().getOrders()).hasSize(OrderPages.PAGE_SIZE)
        .allSatisfy(order -> {
          assertThat(order.getItems()).isNotEmpty();
          assertThat(order.getDelivery().getDates().getFromDate()).isNotNull();
          assertThat(order.getCreationDate()).isNotNull();
        });
    assertThat(benchmark.orderTokenScan()).isGreaterThan(50 * 100);
  }
}
