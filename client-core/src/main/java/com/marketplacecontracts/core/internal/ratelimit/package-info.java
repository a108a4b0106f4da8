/** Internal to the library: not part of the API; may change in any release. */
package com.marketplacecontracts.core.internal.ratelimit;
