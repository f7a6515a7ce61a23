package io.github.faultexperiment.samples;

import java.math.BigDecimal;

/**
 * The price of one item, as the pricing service sends it: {@code {"sku":"book-1","amount":12.50}}.
 *
 * @param sku the item's stock-keeping unit
 * @param amount its unit price
 */
public record Price(String sku, BigDecimal amount) {}
