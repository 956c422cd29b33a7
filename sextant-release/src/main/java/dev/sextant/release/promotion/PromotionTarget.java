package dev.sextant.release.promotion;

import dev.sextant.api.SextantException;
import dev.sextant.registry.Stage;
import java.util.Locale;

/**
 * What a promotion moves a version into: an active stage (Staging, Production) or an alias
 * (e.g. {@code champion}). Exactly one version holds a target at a time; the one it replaces
 * keeps the alias {@link #previousAlias()} so a rollback can find it.
 */
public sealed interface PromotionTarget {

    /** Stage wire name ({@code Production}) or the alias ({@code champion}). */
    String name();

    /** {@code previous} for Production, {@code previous-<target>} otherwise (e.g. {@code previous-champion}). */
    String previousAlias();

    record StageTarget(Stage stage) implements PromotionTarget {
        public StageTarget {
            if (!stage.active()) {
                throw SextantException.invalid("Versions are promoted to Staging or Production, not '" + stage.wireName()
                        + "'. A replaced version is archived by the promotion itself.");
            }
        }

        @Override
        public String name() {
            return stage.wireName();
        }

        @Override
        public String previousAlias() {
            return stage == Stage.PRODUCTION ? "previous" : "previous-" + stage.wireName().toLowerCase(Locale.ROOT);
        }
    }

    record AliasTarget(String alias) implements PromotionTarget {
        public AliasTarget {
            if (!alias.matches("[A-Za-z0-9_-]{1,200}") || alias.equalsIgnoreCase("latest") || alias.matches("[vV]\\d+")) {
                throw SextantException.invalid("'" + alias + "' is not a promotion target. Name a stage (Staging, Production) "
                        + "or an alias of letters, digits, '_' and '-' (not 'latest' or v<number>).");
            }
            if (alias.equals("previous") || alias.startsWith("previous-")) {
                throw SextantException.invalid("The alias '" + alias + "' is kept by promotions for the version a target "
                        + "replaced; promote to the target itself, or roll it back.");
            }
        }

        @Override
        public String name() {
            return alias;
        }

        @Override
        public String previousAlias() {
            return "previous-" + alias;
        }
    }

    /** {@code Production}, {@code staging} (stages, any case) or an alias such as {@code champion}. */
    static PromotionTarget parse(String text) {
        String name = text.strip();
        if (name.isEmpty()) {
            throw SextantException.missingParameter("target");
        }
        for (Stage stage : Stage.values()) {
            if (stage.wireName().equalsIgnoreCase(name)) {
                return new StageTarget(stage);
            }
        }
        return new AliasTarget(name);
    }
}
