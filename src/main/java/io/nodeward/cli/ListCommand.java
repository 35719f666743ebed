package io.nodeward.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.BenchmarkCatalog;
import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Group;
import io.nodeward.host.EditDistance;
import io.nodeward.scan.Scanner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nodeward list}: every check nodeward knows (the built-in benchmarks and the user's), one per
 * line as {@code benchmark id severity group title}, or as JSON; filtered by benchmark and group. It
 * reads no host: it only loads and validates the benchmarks, so it also checks a user's benchmark
 * directory before it is deployed.
 */
final class ListCommand {

    private ListCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Cli.command("list", "list the checks of every benchmark, with ID, severity, group and title");
        CliOptions.specs(List.of("--benchmarks-dir")).forEach(spec::addOption);
        spec.addOption(OptionSpec.builder("--format").paramLabel("FORMAT").type(String.class).defaultValue("text")
                .description("text or json; default text").build());
        spec.addOption(Cli.list("--benchmark", "NAME[,NAME...]", "only these benchmarks (e.g. cis-1.12, nodeward-1.0)"));
        spec.addOption(Cli.list("--group", "ID[,ID...]", "only these groups (e.g. 4.2, ports)"));
        return spec;
    }

    /** One listed check. */
    record Row(String benchmark, String group, Check check) {
    }

    static int run(ParseResult parsed, Map<String, String> env, PrintStream out, PrintStream err) {
        List<Row> rows;
        String format = parsed.matchedOptionValue("--format", "text").toLowerCase(Locale.ROOT);
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new CliSettings.UsageException("unknown format '" + format + "'; use text or json");
            }
            Optional<Path> dir = Optional.ofNullable(CliOptions.values(parsed).get("nodeward.benchmarks.dir"))
                    .or(() -> CliConfig.load(Map.of(), env).benchmarks().dir()).map(Path::of);
            BenchmarkCatalog catalog = BenchmarkCatalog.load(Scanner.BUILT_IN, dir);
            rows = rows(catalog, Set.copyOf(Cli.values(parsed, "--benchmark")), Set.copyOf(Cli.values(parsed, "--group")));
        } catch (CliSettings.UsageException | BenchmarkException e) {
            err.println("nodeward: " + ScanCommand.oneLine(e.getMessage()));
            return Cli.EXIT_USAGE;
        }
        out.print(format.equals("json") ? json(rows) : text(rows));
        out.flush();
        return Cli.EXIT_OK;
    }

    static List<Row> rows(BenchmarkCatalog catalog, Set<String> benchmarks, Set<String> groups) {
        List<String> benchmarkIds = catalog.all().stream().map(Benchmark::id).toList();
        for (String id : benchmarks) {
            if (!benchmarkIds.contains(id)) {
                throw new CliSettings.UsageException("--benchmark: no benchmark '" + id + "'"
                        + EditDistance.nearest(id, benchmarkIds).map(n -> " (did you mean '" + n + "'?)").orElse(""));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> groupIds = new ArrayList<>();
        for (Benchmark benchmark : catalog.all()) {
            for (Group group : benchmark.groups()) {
                groupIds.add(group.id());
                if ((benchmarks.isEmpty() || benchmarks.contains(benchmark.id()))
                        && (groups.isEmpty() || groups.contains(group.id()))) {
                    group.checks().forEach(check -> rows.add(new Row(benchmark.id(), group.id(), check)));
                }
            }
        }
        for (String id : groups) {
            if (!groupIds.contains(id)) {
                throw new CliSettings.UsageException("--group: no group '" + id + "'"
                        + EditDistance.nearest(id, groupIds).map(n -> " (did you mean '" + n + "'?)").orElse(""));
            }
        }
        return rows;
    }

    private static String text(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-14s %-28s %-8s %-10s %s%n", row.benchmark(), row.check().id(),
                    row.check().severity().label(), row.group(), row.check().title()));
        }
        return out.toString();
    }

    private static String json(List<Row> rows) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (Row row : rows) {
            array.addObject().put("benchmark", row.benchmark()).put("group", row.group()).put("id", row.check().id())
                    .put("title", row.check().title()).put("severity", row.check().severity().label())
                    .put("scored", row.check().scored()).put("manual", row.check().manual());
        }
        try {
            return mapper.writeValueAsString(array) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and booleans always serialises", e);
        }
    }
}
