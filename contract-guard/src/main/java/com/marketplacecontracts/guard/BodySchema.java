package com.marketplacecontracts.guard;

import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import java.util.List;

/** What one body (a request, or a response of one status) must look like; checked from its bytes. */
interface BodySchema {

  /** Appends the body's differences from the schema to {@code found}: at most {@link ContractGuard#MAX_REPORTED}. */
  void check(byte[] body, String operationId, Direction direction, List<ContractMismatch> found);
}
