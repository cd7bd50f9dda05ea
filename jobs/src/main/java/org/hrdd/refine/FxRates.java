package org.hrdd.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrdd.config.ConfigException;

/** EUR per unit of each currency, from {@code conf/fx_rates.yaml}. */
public record FxRates(String asOf, Map<String, Double> eurPerUnit) {

    public static final String FILE = "fx_rates.yaml";

    public FxRates {
        eurPerUnit = Map.copyOf(eurPerUnit);
    }

    public static FxRates load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !"EUR".equals(root.path("base").asText())) {
            throw new ConfigException(file + ": key 'base' must be EUR");
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("rates").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber() || e.getValue().asDouble() <= 0) {
                throw new ConfigException(file + ": key 'rates." + e.getKey() + "' must be a positive number");
            }
            rates.put(e.getKey(), e.getValue().asDouble());
        }
        if (rates.isEmpty()) {
            throw new ConfigException(file + ": key 'rates' is empty");
        }
        return new FxRates(root.path("as_of").asText(), rates);
    }
}
