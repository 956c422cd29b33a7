package dev.sextant.cli.quickstart;

/**
 * Someone the loop acts as, with their API token: every request carries it, so the server
 * authorises and records each step as that person's.
 *
 * @param role the token's role, with the approval domain for approvers (e.g. {@code approver: compliance})
 */
record Person(String name, String role, String token) {

    @Override
    public String toString() {
        return name + " (" + role + ")";
    }
}
