package io.github.faultexperiment.samples;

import java.math.BigDecimal;

/**
 * What a checkout charged.
 *
 * @param sku the item bought
 * @param quantity how many
 * @param unitPrice the price charged per item
 * @param total {@code unitPrice × quantity}
 * @param priceSource where the unit price came from
 */
public record Receipt(
    String sku, int quantity, BigDecimal unitPrice, BigDecimal total, PriceSource priceSource) {}
