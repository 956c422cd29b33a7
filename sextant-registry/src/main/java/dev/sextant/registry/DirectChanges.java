package dev.sextant.registry;

/**
 * Whether a stage or alias may be changed directly (MLflow's transition-stage and set-alias, the
 * native PATCH and PUT), or only through promotions that check gates and approvals and record why.
 * Implementations throw to refuse, saying how to promote instead.
 */
public interface DirectChanges {
    /** Every stage and alias may be changed directly. */
    DirectChanges ALLOWED = new DirectChanges() {
        @Override
        public void checkStage(String model, long version, Stage from, Stage to) {
        }

        @Override
        public void checkAlias(String model, String alias) {
        }
    };

    /** Before version {@code version} moves from stage {@code from} to {@code to}. */
    void checkStage(String model, long version, Stage from, Stage to);

    /** Before {@code alias} is set, moved or deleted. */
    void checkAlias(String model, String alias);
}
