/**
 * Rules of JSON text shared by the client's checked read and the contract guard.
 * <b>Not part of the API; may change in any release.</b>
 */
package com.marketplacecontracts.core.internal.json;
