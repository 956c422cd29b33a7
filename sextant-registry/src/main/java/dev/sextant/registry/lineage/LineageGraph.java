package dev.sextant.registry.lineage;

import java.util.List;

/**
 * The part of the lineage graph reachable from one starting point, in one direction.
 *
 * @param root the id of the node the question was about
 * @param direction {@code upstream} (what made it) or {@code downstream} (what was made from it)
 */
public record LineageGraph(String root, String direction, List<LineageNode> nodes, List<LineageEdge> edges) {

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
