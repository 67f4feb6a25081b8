package io.samlad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.data.Dataset;
import io.samlad.eval.report.Html;
import io.samlad.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary over categories in the output root: {@code metrics.json} (each category's headline metrics and their
 * mean over the categories that have them), {@code report.md} and {@code report.html} with links to the category
 * reports.
 */
public final class SummaryReport {
    /** The metrics averaged over categories, in metrics.json order. */
    static final List<String> KEYS = List.of("image_auroc", "image_auroc_map_max", "au_spro", "au_spro_logical",
            "au_spro_structural", "pixel_auroc", "au_pro_0.3", "image_f1_max");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryReport() {
    }

    public static ObjectNode write(Path out, Dataset dataset, List<CategoryOutcome> outcomes) throws IOException {
        ObjectNode root = summary(dataset, outcomes.stream().<JsonNode>map(CategoryOutcome::json).toList());
        AtomicFiles.writeString(out.resolve("metrics.json"), MAPPER.writeValueAsString(root) + "\n");
        AtomicFiles.writeString(out.resolve("report.md"), markdown(root));
        AtomicFiles.writeString(out.resolve("report.html"), html(root));
        return root;
    }

    /** Pure: the summary object for the given per-category metrics.json contents. */
    static ObjectNode summary(Dataset dataset, List<JsonNode> categories) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", dataset.format().label());
        root.put("dataset_root", dataset.root().toAbsolutePath().normalize().toString());
        ArrayNode list = root.putArray("categories");
        for (JsonNode c : categories) {
            ObjectNode e = list.addObject();
            e.put("category", c.get("category").asText());
            for (String k : KEYS) {
                if (c.has(k)) {
                    e.set(k, c.get(k));
                }
            }
            if (c.has("timing_ms_per_image") && c.get("timing_ms_per_image").has("total")) {
                e.put("ms_per_image", c.get("timing_ms_per_image").get("total").asDouble());
            }
        }
        ObjectNode mean = root.putObject("mean_over_categories");
        for (String k : KEYS) {
            List<JsonNode> have = categories.stream().filter(c -> c.has(k)).toList();
            if (have.isEmpty()) {
                continue;
            }
            if (have.get(0).get(k).isNumber()) {
                mean.put(k, have.stream().mapToDouble(c -> c.get(k).asDouble()).average().orElseThrow());
            } else {
                Map<String, List<Double>> bySub = new LinkedHashMap<>();
                for (JsonNode c : have) {
                    c.get(k).fields().forEachRemaining(e -> bySub.computeIfAbsent(e.getKey(), x -> new ArrayList<>())
                            .add(e.getValue().asDouble()));
                }
                ObjectNode m = mean.putObject(k);
                bySub.forEach((sub, v) -> m.put(sub, v.stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow()));
            }
        }
        return root;
    }

    private static final String[][] COLUMNS = {
        {"image_auroc", "logical", "AUROC logical"}, {"image_auroc", "structural", "AUROC structural"},
        {"image_auroc", "all", "AUROC"}, {"image_auroc", "mean", "AUROC mean"},
        {"au_spro", "0.05", "AU-sPRO@0.05"}, {"au_spro", "0.3", "AU-sPRO@0.3"}, {"pixel_auroc", null, "pixel AUROC"},
        {"au_pro_0.3", null, "AU-PRO@0.3"}, {"image_f1_max", null, "F1-max"},
    };

    private static List<String[]> presentColumns(ObjectNode root) {
        List<String[]> cols = new ArrayList<>();
        JsonNode mean = root.get("mean_over_categories");
        for (String[] c : COLUMNS) {
            JsonNode v = mean.get(c[0]);
            if (v != null && (c[1] == null || v.has(c[1]))) {
                cols.add(c);
            }
        }
        return cols;
    }

    private static String cell(JsonNode row, String[] col) {
        JsonNode v = row.get(col[0]);
        if (v != null && col[1] != null) {
            v = v.get(col[1]);
        }
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v.asDouble());
    }

    /** A category's milliseconds per image, whole, or a dash where the row has none. */
    private static String msPerImage(JsonNode row) {
        return row.has("ms_per_image") ? String.format(Locale.ROOT, "%.0f", row.get("ms_per_image").asDouble()) : "–";
    }

    /** The row's metric cells, one per present column. */
    private static List<String> cells(JsonNode row, List<String[]> cols) {
        return cols.stream().map(c -> cell(row, c)).toList();
    }

    /** Every item between {@code before} and {@code after}, one after the other: a table row's cells in a markup. */
    private static String wrapped(List<String> items, String before, String after) {
        StringBuilder b = new StringBuilder();
        items.forEach(item -> b.append(before).append(item).append(after));
        return b.toString();
    }

    private static String markdown(ObjectNode root) {
        List<String[]> cols = presentColumns(root);
        StringBuilder b = new StringBuilder("# samlad evaluation summary\n\nDataset `")
                .append(root.get("dataset_root").asText()).append("` (").append(root.get("format").asText())
                .append(").\n\n| category |");
        b.append(wrapped(cols.stream().map(c -> c[2]).toList(), " ", " |"));
        b.append(" ms/image |\n|---|").append("---:|".repeat(cols.size() + 1)).append('\n');
        for (JsonNode r : root.get("categories")) {
            String name = r.get("category").asText();
            b.append("| [").append(name).append("](").append(name).append("/report.md) |")
                    .append(wrapped(cells(r, cols), " ", " |")).append(' ').append(msPerImage(r)).append(" |\n");
        }
        b.append("| **mean** |").append(wrapped(cells(root.get("mean_over_categories"), cols), " **", "** |"))
                .append(" |\n");
        return b.toString();
    }

    private static String html(ObjectNode root) {
        List<String[]> cols = presentColumns(root);
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>samlad evaluation summary</title><style>").append(Html.STYLE).append("</style></head><body>");
        b.append("<h1>samlad evaluation summary</h1><p class=\"sub\">").append(Html.esc(root.get("dataset_root")
                .asText())).append(" · ").append(Html.esc(root.get("format").asText())).append("</p><table><tr>")
                .append("<th>category</th>");
        b.append(wrapped(cols.stream().map(c -> Html.esc(c[2])).toList(), "<th>", "</th>"));
        b.append("<th>ms/image</th></tr>");
        for (JsonNode r : root.get("categories")) {
            String name = Html.esc(r.get("category").asText());
            b.append("<tr><td><a href=\"").append(name).append("/report.html\">").append(name).append("</a></td>")
                    .append(wrapped(cells(r, cols), "<td>", "</td>")).append("<td>").append(msPerImage(r))
                    .append("</td></tr>");
        }
        b.append("<tr><th>mean</th>").append(wrapped(cells(root.get("mean_over_categories"), cols), "<th>", "</th>"))
                .append("<th></th></tr></table></body></html>\n");
        return b.toString();
    }
}
