package com.marketplacecontracts.guard;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.operation.ContractMismatch;
import java.util.List;

/** Strict mode of {@link ContractGuard}: a request or response differed from the spec; the call fails. */
public class ContractViolationException extends MarketplaceException {

  private final List<ContractMismatch> mismatches;

  public ContractViolationException(Details details, List<ContractMismatch> mismatches) {
    super(details, "differs from the spec: " + mismatches.size() + " mismatch(es), first " + mismatches.get(0),
        null);
    this.mismatches = List.copyOf(mismatches);
  }

  /** Every difference found in the call. */
  public List<ContractMismatch> mismatches() {
    return mismatches;
  }
}
