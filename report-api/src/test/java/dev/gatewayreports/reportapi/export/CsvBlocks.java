package dev.gatewayreports.reportapi.export;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV export read back with Commons CSV: its blocks by name, each a header and rows. */
record CsvBlocks(Map<String, Block> blocks) {

    record Block(List<String> header, List<List<String>> rows) {

        String value(int row, String column) {
            int index = header.indexOf(column);
            if (index < 0) {
                throw new AssertionError("no column " + column + " in " + header);
            }
            return rows.get(row).get(index);
        }
    }

    static CsvBlocks parse(String csv) throws IOException {
        CSVFormat format =
                CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        Map<String, Block> blocks = new LinkedHashMap<>();
        List<List<String>> current = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isEmpty() && !current.isEmpty()) {
                    add(blocks, current);
                    current = new ArrayList<>();
                } else {
                    current.add(record.toList());
                }
            }
        }
        add(blocks, current);
        return new CsvBlocks(blocks);
    }

    Block block(String name) {
        Block block = blocks.get(name);
        if (block == null) {
            throw new AssertionError("no block " + name + " in " + blocks.keySet());
        }
        return block;
    }

    private static void add(Map<String, Block> blocks, List<List<String>> lines) {
        if (lines.size() < 2 || lines.get(0).size() != 1) {
            throw new AssertionError("a block is its name alone on a row, then a header row: " + lines);
        }
        String name = lines.get(0).get(0);
        if (blocks.put(name, new Block(lines.get(1), lines.subList(2, lines.size()))) != null) {
            throw new AssertionError("block " + name + " twice");
        }
    }
}
