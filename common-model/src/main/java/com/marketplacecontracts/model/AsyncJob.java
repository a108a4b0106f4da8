package com.marketplacecontracts.model;

import com.marketplacecontracts.core.operation.Marketplace;
import java.util.List;

/**
 * An asynchronous job and its state: a Teez product import job, or a Yandex Market operation.
 *
 * @param marketplace where it runs
 * @param id          the job's id (Teez jobId, Yandex operation id)
 * @param type        what kind of job ({@code PRODUCT_IMPORT} for Teez; the Yandex operation type as sent)
 * @param state       normalised state
 * @param rawState    the state as the marketplace sent it (for a Teez import, a summary of product states)
 * @param results     per-product results of an import (Teez); empty for Yandex operations
 */
public record AsyncJob(Marketplace marketplace, String id, String type, JobState state, String rawState,
    List<Listing> results) {

  public AsyncJob {
    results = List.copyOf(results);
  }
}
