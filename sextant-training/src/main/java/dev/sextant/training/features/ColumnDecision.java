package dev.sextant.training.features;

/**
 * What training did with one column of the table, and why.
 *
 * @param features how many model features the column became (0 when dropped or the target)
 */
public record ColumnDecision(String column, Action action, String reason, int features) {

    public enum Action {
        TARGET, KEPT, IMPUTED, ENCODED, DROPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
