package dev.sextant.cli.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The provenance tags the CLI attaches to runs it starts. */
public final class RunSource {

    private RunSource() {
    }

    public static List<Tag> tags() {
        List<Tag> tags = new ArrayList<>();
        tags.add(Provenance.user());
        tags.add(new Tag(Provenance.SOURCE_TYPE, "LOCAL"));
        tags.add(new Tag(Provenance.SOURCE_NAME, "sextant-cli"));
        tags.addAll(Provenance.git(Path.of("").toAbsolutePath()));
        tags.addAll(Provenance.environment(Map.of("picocli", CommandLine.class, "jackson", ObjectMapper.class)));
        return tags;
    }
}
