package dev.sextant.release.policy;

/** What is wrong with a policy, and where: {@code line 7: unknown metric 'acuracy' ...}. */
public record PolicyProblem(int line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
