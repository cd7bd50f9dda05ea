package org.hrdd.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.DataDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd schemas}: the data contracts. */
@Command(
        name = "schemas",
        header = "Data contracts: list tables, write the data dictionary.",
        mixinStandardHelpOptions = true,
        description = "Data contracts: list tables, write the data dictionary.",
        subcommands = {SchemasCommand.Docs.class, SchemasCommand.ListTables.class})
final class SchemasCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "a subcommand is required: docs or list");
    }

    @Command(
            name = "docs",
            header = "Write the data dictionary.",
            mixinStandardHelpOptions = true,
            description = "Write the Markdown data dictionary generated from schemas/contracts/.")
    static final class Docs extends HrddCommand {
        @Option(
                names = "--out",
                paramLabel = "FILE",
                defaultValue = "schemas/data-dictionary.md",
                description = "Output file (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            String md = DataDictionary.markdown(ContractLoader.loadAll().values());
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            out().println("wrote " + out + " (" + ContractLoader.loadAll().size() + " tables)");
            out().flush();
            return Hrdd.OK;
        }
    }

    @Command(
            name = "list",
            header = "List the tables and their keys.",
            mixinStandardHelpOptions = true,
            description = "List the tables and their keys.")
    static final class ListTables extends HrddCommand {
        @Override
        public Integer call() {
            var o = out();
            for (Contract c : ContractLoader.loadAll().values()) {
                o.printf(
                        "%-26s %3d columns  key: %s%n",
                        c.table(), c.columns().size(), String.join(", ", c.primaryKey()));
            }
            o.flush();
            return Hrdd.OK;
        }
    }
}
