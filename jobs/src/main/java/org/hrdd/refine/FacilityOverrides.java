package org.hrdd.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.hrdd.config.ConfigException;

/** Loads {@code conf/facility_overrides.yaml}: reviewed force-match and never-match decisions, with who and why. */
public final class FacilityOverrides {

    private static final Set<String> KEYS = Set.of("name", "country", "facility_id", "who", "why");

    private FacilityOverrides() {}

    public static List<FacilityResolver.Override> load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<FacilityResolver.Override> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("force_match") && !k.equals("never_match")) {
                throw new ConfigException(file + ": unknown key '" + k + "' (known: force_match, never_match)");
            }
        }
        read(file, root.path("force_match"), true, out);
        read(file, root.path("never_match"), false, out);
        return out;
    }

    private static void read(Path file, JsonNode list, boolean force, List<FacilityResolver.Override> out) {
        String section = force ? "force_match" : "never_match";
        int i = 0;
        for (JsonNode n : list) {
            String where = file + ": " + section + "[" + i + "]";
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    throw new ConfigException(where + ": unknown key '" + k + "'");
                }
            }
            for (String required : List.of("name", "country", "facility_id", "who", "why")) {
                if (n.path(required).asText("").isBlank()) {
                    throw new ConfigException(
                            where + ": '" + required + "' is required (overrides say who decided and why)");
                }
            }
            out.add(new FacilityResolver.Override(
                    n.get("name").asText(),
                    n.get("country").asText(),
                    n.get("facility_id").asText(),
                    force,
                    n.get("who").asText(),
                    n.get("why").asText()));
            i++;
        }
    }
}
