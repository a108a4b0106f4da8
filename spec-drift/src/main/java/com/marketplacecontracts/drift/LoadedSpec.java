package com.marketplacecontracts.drift;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * A parsed OpenAPI document with its {@code $ref}s resolved into components (schema names kept).
 *
 * @param source where it was read from, for reports
 * @param openApi the document
 */
public record LoadedSpec(String source, OpenAPI openApi) {
}
