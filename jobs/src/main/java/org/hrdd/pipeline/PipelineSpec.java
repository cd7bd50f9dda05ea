package org.hrdd.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrdd.config.ConfigException;
import org.hrdd.config.YamlTree;

/**
 * {@code pipelines/pipeline.yaml}: the steps of the pipeline (each an hrdd subcommand with arguments), their
 * dependencies, parameters and retry policy. Loaded strictly: unknown keys, unknown dependencies, cycles and
 * undeclared parameters are errors naming the step.
 */
public record PipelineSpec(
        String name,
        String description,
        String schedule,
        List<String> parameters,
        List<Step> steps,
        int runTimeoutHours,
        int startDelayDays) {

    public static final String FILE = "pipeline.yaml";
    public static final Set<String> SCHEDULES = Set.of("quarterly", "monthly", "daily", "weekly", "yearly");
    private static final Pattern PARAM = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * One step: an id, the hrdd arguments (with {@code ${param}} placeholders), what it runs after, retries, and the
     * time after which a scheduler kills it (a hung spark-submit must not block every later period).
     */
    public record Step(
            String id, List<String> args, List<String> after, int retries, int retryDelayMinutes, int timeoutMinutes) {
        public Step {
            args = List.copyOf(args);
            after = List.copyOf(after);
        }

        /** The arguments with every {@code ${name}} replaced by its value. */
        public List<String> resolve(Map<String, String> values) {
            List<String> out = new ArrayList<>();
            for (String a : args) {
                Matcher m = PARAM.matcher(a);
                StringBuilder b = new StringBuilder();
                while (m.find()) {
                    String v = values.get(m.group(1));
                    if (v == null) {
                        throw new ConfigException("step " + id + ": no value for parameter " + m.group(1));
                    }
                    m.appendReplacement(b, Matcher.quoteReplacement(v));
                }
                m.appendTail(b);
                out.add(b.toString());
            }
            return out;
        }
    }

    public PipelineSpec {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    public static PipelineSpec load(Path file) {
        YamlTree root = YamlTree.load(file);
        if (root.integer("version", 1, 1) != 1) {
            throw root.error("version", "must be 1");
        }
        String name = root.string("name");
        if (!ID.matcher(name).matches()) {
            throw root.error("name", "must be a lower-case identifier, is " + name);
        }
        String description = root.string("description");
        String schedule = root.string("schedule");
        if (!SCHEDULES.contains(schedule)) {
            throw root.error("schedule", "must be one of " + SCHEDULES + ", is " + schedule);
        }
        List<String> parameters = root.strings("parameters");
        YamlTree defaults = root.child("defaults");
        int retries = defaults.integer("retries", 0, 10);
        int delay = defaults.integer("retry_delay_minutes", 0, 1440);
        int timeout = defaults.integer("timeout_minutes", 1, 7 * 1440);
        defaults.done();
        int runTimeout = root.integer("run_timeout_hours", 1, 24 * 14);
        int startDelay = root.integer("start_delay_days", 0, 27);
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (YamlTree s : root.items("steps")) {
            String id = s.string("id");
            if (!ID.matcher(id).matches() || !ids.add(id)) {
                throw s.error("id", "must be a unique lower-case identifier, is " + id);
            }
            List<String> args = s.strings("args");
            if (args.isEmpty()) {
                throw s.error("args", "must name an hrdd subcommand");
            }
            for (String a : args) {
                Matcher m = PARAM.matcher(a);
                while (m.find()) {
                    if (!parameters.contains(m.group(1))) {
                        throw s.error(
                                "args", "uses ${" + m.group(1) + "}, which is not a declared parameter " + parameters);
                    }
                }
            }
            List<String> after = s.has("after") ? s.strings("after") : List.of();
            int r = s.has("retries") ? s.integer("retries", 0, 10) : retries;
            int d = s.has("retry_delay_minutes") ? s.integer("retry_delay_minutes", 0, 1440) : delay;
            int t = s.has("timeout_minutes") ? s.integer("timeout_minutes", 1, 7 * 1440) : timeout;
            s.done();
            if ((long) t * (r + 1) + (long) d * r > runTimeout * 60L) {
                throw s.error(
                        "timeout_minutes",
                        "with its retries (" + r + " x " + d + " min apart) the step may run "
                                + "longer than the whole run may (run_timeout_hours " + runTimeout + ")");
            }
            steps.add(new Step(id, args, after, r, d, t));
        }
        root.done();
        for (Step s : steps) {
            for (String a : s.after()) {
                if (!ids.contains(a)) {
                    throw new ConfigException(file + ": step " + s.id() + " runs after unknown step " + a);
                }
            }
        }
        PipelineSpec spec = new PipelineSpec(name, description, schedule, parameters, steps, runTimeout, startDelay);
        spec.order(); // rejects cycles
        return spec;
    }

    public Step step(String id) {
        return steps.stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ConfigException("no step " + id + " in the pipeline " + name));
    }

    /** The steps in an order that respects every dependency; ties keep the file's order. */
    public List<Step> order() {
        Map<String, Integer> pending = new HashMap<>();
        steps.forEach(s -> pending.put(s.id(), s.after().size()));
        List<Step> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (out.size() < steps.size()) {
            Step next = null;
            for (Step s : steps) {
                if (!done.contains(s.id()) && done.containsAll(s.after())) {
                    next = s;
                    break;
                }
            }
            if (next == null) {
                Map<String, List<String>> left = new LinkedHashMap<>();
                steps.stream().filter(s -> !done.contains(s.id())).forEach(s -> left.put(s.id(), s.after()));
                throw new ConfigException("pipeline " + name + " has a dependency cycle among " + left);
            }
            done.add(next.id());
            out.add(next);
        }
        return out;
    }
}
