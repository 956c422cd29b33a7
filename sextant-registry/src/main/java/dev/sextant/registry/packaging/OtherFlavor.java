package dev.sextant.registry.packaging;

/**
 * A flavor Sextant does not interpret (sklearn, xgboost, …), kept as written.
 *
 * @param json the flavor's attributes as a JSON object
 */
public record OtherFlavor(String name, String json) implements Flavor {
}
