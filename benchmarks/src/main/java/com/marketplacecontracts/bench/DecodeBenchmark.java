package com.marketplacecontracts.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import java.io.IOException;
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
 * Decoding a 1,000-offer catalog page (every field filled): the generated Moshi models, against Moshi's JsonReader
 * merely walking the same bytes (the practical lower bound) and Jackson databind into the same plain classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

  byte[] page;
  JsonAdapter<GetOfferMappingEntriesResponse> moshi;
  ObjectMapper jackson;

  @Setup
  public void setUp() {
    page = OfferPages.json(OfferPages.page(1000, "next", 1));
    moshi = MoshiFactory.create().adapter(GetOfferMappingEntriesResponse.class);
    jackson = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Benchmark
  public int tokenScan() throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().write(page));
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
  public GetOfferMappingEntriesResponse moshiTyped() throws IOException {
    return moshi.fromJson(new Buffer().write(page));
  }

  @Benchmark
  public GetOfferMappingEntriesResponse jacksonDatabind() throws IOException {
    return jackson.readValue(page, GetOfferMappingEntriesResponse.class);
  }
}
