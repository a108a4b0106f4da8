package com.marketplacecontracts.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a 100-offer page of the business catalog ({@code getOfferMappings}, the most the marketplace answers at
 * once; the fields a seller's catalog fills, date-times included): the generated Moshi models, against Moshi's
 * JsonReader merely walking the same bytes (the practical lower bound) and Jackson databind into the same plain
 * classes; and the same three on a 50-order page of the business order list ({@code getBusinessOrders}, the
 * seller's daily loop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

  /** Offers per page: the marketplace's maximum {@code limit}. */
  static final int PAGE_SIZE = 100;

  byte[] page;
  byte[] orders;
  JsonAdapter<GetOfferMappingsResponse> moshi;
  JsonAdapter<GetBusinessOrdersResponse> moshiOrders;
  ObjectMapper jackson;

  @Setup
  public void setUp() {
    page = CatalogPages.json(CatalogPages.page(PAGE_SIZE, "next", 1));
    orders = OrderPages.json(OrderPages.page(OrderPages.PAGE_SIZE, "next", 1));
    moshi = MoshiFactory.create().adapter(GetOfferMappingsResponse.class);
    moshiOrders = MoshiFactory.create().adapter(GetBusinessOrdersResponse.class);
    // Jackson needs its own reading of date-times (the jsr310 module would do the same: parse the RFC 3339 text).
    // Enums by their JSON value (the generated enums' toString), as Moshi reads them by @Json name.
    jackson = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(DeserializationFeature.READ_ENUMS_USING_TO_STRING, true)
        .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule().addDeserializer(
            OffsetDateTime.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
              @Override
              public OffsetDateTime deserialize(com.fasterxml.jackson.core.JsonParser parser,
                  com.fasterxml.jackson.databind.DeserializationContext context) throws IOException {
                return OffsetDateTime.parse(parser.getText());
              }
            }).addDeserializer(LocalDate.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
              @Override
              public LocalDate deserialize(com.fasterxml.jackson.core.JsonParser parser,
                  com.fasterxml.jackson.databind.DeserializationContext context) throws IOException {
                return LocalDate.parse(parser.getText());
              }
            }));
  }

  @Benchmark
  public int tokenScan() throws IOException {
    return walk(page);
  }

  @Benchmark
  public int orderTokenScan() throws IOException {
    return walk(orders);
  }

  @Benchmark
  public GetBusinessOrdersResponse orderMoshiTyped() throws IOException {
    return moshiOrders.fromJson(new Buffer().write(orders));
  }

  @Benchmark
  public GetBusinessOrdersResponse orderJacksonDatabind() throws IOException {
    return jackson.readValue(orders, GetBusinessOrdersResponse.class);
  }

  private static int walk(byte[] json) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().write(json));
    int tokens = 0;
    int depth = 0;
    do {
      switch (reader.peek()) {
        case BEGIN_OBJECT -> {
          reader.beginObject();
          depth++;
        }
        case END_OBJECT -> {
          reader.endObject();
          depth--;
        }
        case BEGIN_ARRAY -> {
          reader.beginArray();
          depth++;
        }
        case END_ARRAY -> {
          reader.endArray();
          depth--;
        }
        case NAME -> reader.skipName();
        default -> reader.skipValue();
      }
      tokens++;
    } while (depth > 0);
    return tokens;
  }

  @Benchmark
  public GetOfferMappingsResponse moshiTyped() throws IOException {
    return moshi.fromJson(new Buffer().write(page));
  }

  @Benchmark
  public GetOfferMappingsResponse jacksonDatabind() throws IOException {
    return jackson.readValue(page, GetOfferMappingsResponse.class);
  }
}
