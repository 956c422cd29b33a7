package dev.sextant.data.version;

import java.util.OptionalLong;

/**
 * A named dataset: what it is, when it was first pushed, and its versions.
 *
 * @param latestVersion the highest version it holds; empty when every version was deleted
 * @param versions how many versions it holds
 */
public record DatasetInfo(String name, String description, long createdAt, String createdBy,
                          OptionalLong latestVersion, long versions) {
}
