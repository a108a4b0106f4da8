package com.marketplacecontracts.yandex.day;

/**
 * An item whose value read back differs from the value written: its key, what was written, and what the marketplace
 * answers now ({@code null} when it does not list the item). The marketplace applies writes within minutes, so a
 * mismatch right after a write may only be late.
 */
public record Mismatch(String key, String written, String read) {
}
