package io.homegrid.persistence.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A price per kWh: flat, or one price for each local hour of the day (a time-of-use tariff),
 * in whatever currency the caller priced it.
 *
 * @param pricePerKWh one price (flat) or 24, from the hour starting 00:00
 */
public record Tariff(String kind, List<Double> pricePerKWh) {

    public static final String FLAT = "flat";
    public static final String TIME_OF_USE = "time-of-use";

    public Tariff {
        pricePerKWh = List.copyOf(pricePerKWh);
    }

    /**
     * "0.32", or 24 comma-separated prices.
     *
     * @throws IllegalArgumentException saying what a tariff looks like
     */
    public static Tariff parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 1 && parts.length != 24) {
            throw new IllegalArgumentException("a price per kWh such as 0.32, or 24 prices separated by commas, one for"
                    + " each local hour from 00:00; got " + parts.length + " value(s)");
        }
        List<Double> prices = new ArrayList<>(parts.length);
        for (int hour = 0; hour < parts.length; hour++) {
            double price;
            try {
                price = Double.parseDouble(parts[hour].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException((parts.length == 1 ? "the price" : "the price of hour " + hour)
                        + " is not a number: '" + parts[hour].strip() + "'", e);
            }
            if (!Double.isFinite(price) || price < 0) {
                throw new IllegalArgumentException("prices must be 0 or more; got " + parts[hour].strip());
            }
            prices.add(price);
        }
        return new Tariff(prices.size() == 1 ? FLAT : TIME_OF_USE, Collections.unmodifiableList(prices));
    }

    /** The price per kWh in the local hour starting at {@code hour} (0 to 23). */
    public double price(int hour) {
        return pricePerKWh.size() == 1 ? pricePerKWh.get(0) : pricePerKWh.get(hour);
    }
}
