package io.samlad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.samlad.data.DefectMask;
import io.samlad.data.GroundTruthReader;
import io.samlad.eval.metrics.Curve;
import io.samlad.eval.report.Gallery;
import io.samlad.eval.report.Html;
import io.samlad.eval.report.Plot;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a category's {@code report.html} (self-contained: plots embedded as data URIs) and {@code report.md}
 * (plots as PNG files under {@code img/}): the metrics, ROC and sPRO curves, the score histogram with the threshold,
 * and a gallery of the best and worst test images.
 */
public final class CategoryReport {
    private static final int TILE = 240;

    private CategoryReport() {
    }

    /** A figure: its file name under img/, caption and data URI. */
    private record Figure(String file, String caption, String dataUri) {
    }

    public static void write(CategoryOutcome o, int galleryImages, String detectorName) throws IOException {
        Path img = o.dir().resolve("img");
        JsonNode j = o.json();
        List<Figure> plots = new ArrayList<>();
        List<Plot.Series> roc = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, Curve> e : o.metrics().rocCurves().entrySet()) {
            Double auc = o.metrics().imageAuroc().get(e.getKey());
            roc.add(new Plot.Series(e.getKey() + " (AUROC " + Html.num(auc) + ")", Plot.PALETTE[c++ % 5],
                    e.getValue().x(), e.getValue().y()));
        }
        if (!roc.isEmpty()) {
            BufferedImage p = Plot.lines("Image ROC (" + detectorName + " score)", "false positive rate",
                    "true positive rate", roc, 1.0, new double[0], true, 520, 400);
            plots.add(new Figure("roc.png", "Image-level ROC per split", Html.savePng(p, img.resolve("roc.png"))));
        }
        List<Plot.Series> spro = new ArrayList<>();
        c = 0;
        for (Map.Entry<String, Curve> e : o.metrics().sproCurves().entrySet()) {
            Double at = o.metrics().auSpro().get("au_spro_" + e.getKey()).get("0.05");
            spro.add(new Plot.Series(e.getKey() + " (AU-sPRO@0.05 " + Html.num(at) + ")", Plot.PALETTE[c++ % 5],
                    e.getValue().x(), e.getValue().y()));
        }
        if (!spro.isEmpty()) {
            BufferedImage p = Plot.lines("sPRO curve (FPR up to 0.3)", "false positive rate (pixels)", "mean sPRO",
                    spro, 0.3, new double[] {0.01, 0.05, 0.1}, false, 520, 400);
            plots.add(new Figure("spro.png", "sPRO against pixel FPR; dashed: integration limits",
                    Html.savePng(p, img.resolve("spro.png"))));
        }
        double[] good = o.images().stream().filter(r -> r.sample().isGood()).mapToDouble(TestImageResult::score)
                .toArray();
        double[] bad = o.images().stream().filter(r -> !r.sample().isGood()).mapToDouble(TestImageResult::score)
                .toArray();
        BufferedImage hist = Plot.histogram("Image scores and the calibrated threshold", good, bad, o.threshold(), 30,
                520, 400);
        plots.add(new Figure("histogram.png", "Image scores of good and anomalous test images",
                Html.savePng(hist, img.resolve("histogram.png"))));

        List<Figure> gallery = gallery(o, galleryImages, img);
        String md = markdown(o, j, plots, gallery, detectorName);
        AtomicFiles.writeString(o.dir().resolve("report.md"), md);
        AtomicFiles.writeString(o.dir().resolve("report.html"), html(o, j, plots, gallery, detectorName));
    }

    /** How right the detector was on an image: distance from the threshold on the correct side (negative: wrong). */
    static double margin(TestImageResult r, double threshold) {
        return r.sample().isGood() ? threshold - r.score() : r.score() - threshold;
    }

    private static List<Figure> gallery(CategoryOutcome o, int n, Path img) throws IOException {
        if (n == 0) {
            return List.of();
        }
        List<TestImageResult> sorted = new ArrayList<>(o.images());
        sorted.sort(Comparator.comparingDouble(r -> margin(r, o.threshold())));
        int worst = Math.min(n, sorted.size());
        int best = Math.min(n, sorted.size() - worst);
        double[] range = mapRange(o.images(), o.threshold());
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < worst + best; i++) {
            boolean isWorst = i < worst;
            TestImageResult r = isWorst ? sorted.get(i) : sorted.get(sorted.size() - 1 - (i - worst));
            String label = (isWorst ? "worst" : "best") + "-" + (isWorst ? i + 1 : i - worst + 1);
            boolean flagged = r.score() > o.threshold();
            boolean right = flagged != r.sample().isGood();
            String title = String.format(Locale.ROOT, "%s: %s/%s  score %.3f (logical %.3f, structural %.3f)  %s",
                    label, r.sample().defectType(), r.sample().id(), r.score(), r.logicalScore(), r.structuralScore(),
                    right ? "correct" : (flagged ? "FALSE ALARM" : "MISSED"));
            RgbImage image = ImageLoader.read(r.sample().image());
            List<DefectMask> masks = GroundTruthReader.read(r.sample(), o.category().defects());
            FloatMap map = ImageWriters.readFloatTiff(r.anomalyMapFile());
            BufferedImage row = Gallery.row(title, image, masks, map, range[0], range[1], r.objects(), TILE);
            out.add(new Figure("gallery-" + label + ".png", title, Html.savePng(row, img.resolve("gallery-" + label
                    + ".png"))));
        }
        return out;
    }

    /**
     * Colour range of the map overlays: from the median normal pixel to the 99.9th percentile of all pixels, capped
     * at twice the threshold (maps share the image score's scale), so that one extreme image does not wash out the
     * moderate evidence of the others.
     */
    static double[] mapRange(List<TestImageResult> images, double threshold) {
        List<float[]> goodMaps = images.stream().filter(r -> r.sample().isGood()).map(TestImageResult::metricMap)
                .toList();
        List<float[]> all = images.stream().map(TestImageResult::metricMap).toList();
        double lo = quantile(goodMaps.isEmpty() ? all : goodMaps, 0.5);
        double hi = quantile(all, 0.999);
        if (threshold > lo && 2 * threshold < hi) {
            hi = 2 * threshold;
        }
        return new double[] {lo, hi > lo ? hi : lo + 1e-6};
    }

    private static double quantile(List<float[]> maps, double q) {
        long total = maps.stream().mapToLong(m -> m.length).sum();
        int step = (int) Math.max(1, total / 2_000_000); // a sample is plenty for a colour scale
        float[] v = new float[(int) (total / step) + maps.size()];
        int k = 0;
        long idx = 0;
        for (float[] m : maps) {
            for (float x : m) {
                if (idx++ % step == 0) {
                    v[k++] = x;
                }
            }
        }
        float[] s = Arrays.copyOf(v, k);
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[(int) Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
    }

    /** A headline figure and, where the counts give one, its 95 % interval (null where none). */
    record Headline(double value, double[] interval) {
        /** The value, with its interval in brackets where it has one: "0.880 [0.712, 0.958]". */
        String text() {
            return interval == null ? Html.num(value)
                    : Html.num(value) + " [" + Html.num(interval[0]) + ", " + Html.num(interval[1]) + "]";
        }
    }

    /** Rows of the headline metrics: label, value with its 95 % interval where metrics.json holds one. */
    static Map<String, Headline> headline(JsonNode j) {
        Map<String, Headline> rows = new LinkedHashMap<>();
        for (String key : List.of("image_auroc", "image_auroc_map_max")) {
            JsonNode n = j.get(key);
            if (n != null) {
                String what = key.equals("image_auroc") ? "Image AUROC" : "Image AUROC (map max)";
                JsonNode ci = key.equals("image_auroc") ? j.get("image_auroc_ci95") : null;
                n.fields().forEachRemaining(e -> rows.put(what + ", " + e.getKey(),
                        new Headline(e.getValue().asDouble(), interval(ci, e.getKey()))));
            }
        }
        JsonNode byKind = j.get("image_auroc_by_kind");
        if (byKind != null) {
            JsonNode ci = j.get("image_auroc_by_kind_ci95");
            byKind.fields().forEachRemaining(e -> rows.put("Image AUROC, kind " + e.getKey(),
                    new Headline(e.getValue().asDouble(), interval(ci, e.getKey()))));
        }
        JsonNode peak = j.get("map_peak_in_mask");
        if (peak != null) {
            peak.fields().forEachRemaining(e -> rows.put("Map peak inside the ground truth, " + e.getKey(),
                    new Headline(e.getValue().asDouble(), null)));
        }
        JsonNode at = j.get("at_threshold");
        if (at != null) {
            for (String key : List.of("fpr_good", "recall")) {
                if (at.has(key)) {
                    rows.put(key.equals("fpr_good") ? "At the threshold: false-positive rate on good images"
                            : "At the threshold: recall", new Headline(at.get(key).asDouble(),
                            interval(at, key + "_ci95")));
                }
            }
        }
        for (String key : List.of("pixel_auroc", "au_pro_0.3", "image_f1_max")) {
            if (j.has(key)) {
                rows.put(switch (key) {
                    case "pixel_auroc" -> "Pixel AUROC";
                    case "au_pro_0.3" -> "AU-PRO (FPR ≤ 0.3)";
                    default -> "Image F1-max";
                }, new Headline(j.get(key).asDouble(), null));
            }
        }
        return rows;
    }

    /** The [lower, upper] pair stored under {@code key} in {@code node}; null where absent. */
    private static double[] interval(JsonNode node, String key) {
        JsonNode pair = node == null ? null : node.get(key);
        return pair == null || pair.size() != 2 ? null : new double[] {pair.get(0).asDouble(), pair.get(1).asDouble()};
    }

    private static List<String> sproKeys(JsonNode j) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.startsWith("au_spro")) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** The pipeline's identity and every model with its SHA-256 (from metrics.json's provenance). */
    static String pipelineText(JsonNode j) {
        JsonNode d = j.path("provenance").path("detector");
        StringBuilder b = new StringBuilder("Pipeline: ").append(d.path("pipeline").asText("(not recorded)"));
        for (JsonNode m : d.path("models")) {
            b.append("; ").append(m.path("role").asText()).append(" ").append(m.path("file").asText())
                    .append(" sha256 ").append(m.path("sha256").asText());
        }
        return b.toString();
    }

    private static String markdown(CategoryOutcome o, JsonNode j, List<Figure> plots, List<Figure> gallery,
            String detector) {
        StringBuilder b = new StringBuilder();
        b.append("# samlad evaluation: ").append(o.category().name()).append("\n\n");
        b.append("Detector `").append(detector).append("`, format `").append(j.get("format").asText())
                .append("`, threshold ").append(Html.num(o.threshold())).append(".\n\n");
        b.append(pipelineText(j)).append("\n\n");
        b.append("| metric | value [95 % interval] |\n|---|---:|\n");
        headline(j).forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v.text()).append(" |\n"));
        List<String> spro = sproKeys(j);
        if (!spro.isEmpty()) {
            b.append("\n| AU-sPRO | ");
            for (double l : MetricsCalculator.SPRO_LIMITS) {
                b.append("FPR ≤ ").append(MetricsCalculator.limitKey(l)).append(" | ");
            }
            b.append("\n|---|").append("---:|".repeat(MetricsCalculator.SPRO_LIMITS.length)).append('\n');
            for (String k : spro) {
                b.append("| ").append(k).append(" | ");
                for (double l : MetricsCalculator.SPRO_LIMITS) {
                    b.append(Html.num(j.get(k).get(MetricsCalculator.limitKey(l)).asDouble())).append(" | ");
                }
                b.append('\n');
            }
        }
        JsonNode at = j.get("at_threshold");
        b.append("\nAt the threshold: ").append(at.get("tp")).append(" true positives, ").append(at.get("fp"))
                .append(" false positives, ").append(at.get("tn")).append(" true negatives, ").append(at.get("fn"))
                .append(" false negatives.\n\n");
        b.append("Counts: ");
        List<String> parts = new ArrayList<>();
        j.get("counts").fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue()));
        b.append(String.join(", ", parts)).append(".\n\n");
        b.append("Median time per image (ms): ");
        List<String> t = new ArrayList<>();
        j.get("timing_ms_per_image").fields().forEachRemaining(e -> t.add(e.getKey() + " " + String.format(Locale.ROOT,
                "%.1f", e.getValue().asDouble())));
        b.append(String.join(", ", t)).append(".\n\n## Plots\n\n");
        for (Figure f : plots) {
            b.append("![").append(f.caption()).append("](img/").append(f.file()).append(")\n");
        }
        if (!gallery.isEmpty()) {
            b.append("\n## Worst and best test images\n\nPanels: image, ground truth, anomaly map, objects with"
                    + " verdicts (green ok, red dashed missing, orange extra, magenta mismatched, blue structural).\n\n");
            for (Figure f : gallery) {
                b.append("![").append(f.caption()).append("](img/").append(f.file()).append(")\n\n");
            }
        }
        b.append("\n## Provenance\n\n```json\n").append(j.get("provenance").toPrettyString()).append("\n```\n");
        b.append("\nHow each figure is computed: see docs/evaluation.md.\n");
        return b.toString();
    }

    private static String html(CategoryOutcome o, JsonNode j, List<Figure> plots, List<Figure> gallery,
            String detector) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>samlad evaluation: ")
                .append(Html.esc(o.category().name())).append("</title><style>").append(Html.STYLE)
                .append("</style></head><body>");
        b.append("<h1>samlad evaluation: ").append(Html.esc(o.category().name())).append("</h1>");
        b.append("<p class=\"sub\">detector <b>").append(Html.esc(detector)).append("</b> · format ")
                .append(Html.esc(j.get("format").asText())).append(" · threshold ").append(Html.num(o.threshold()))
                .append(" · ").append(o.images().size()).append(" test images</p>");
        b.append("<p class=\"sub\">").append(Html.esc(pipelineText(j))).append("</p>");
        b.append("<h2>Metrics</h2><table><tr><th>metric</th><th>value [95 % interval]</th></tr>");
        headline(j).forEach((k, v) -> b.append("<tr><td>").append(Html.esc(k)).append("</td><td>")
                .append(Html.esc(v.text())).append("</td></tr>"));
        b.append("</table>");
        List<String> spro = sproKeys(j);
        if (!spro.isEmpty()) {
            b.append("<table><tr><th>AU-sPRO</th>");
            for (double l : MetricsCalculator.SPRO_LIMITS) {
                b.append("<th>FPR ≤ ").append(MetricsCalculator.limitKey(l)).append("</th>");
            }
            b.append("</tr>");
            for (String k : spro) {
                b.append("<tr><td>").append(Html.esc(k)).append("</td>");
                for (double l : MetricsCalculator.SPRO_LIMITS) {
                    b.append("<td>").append(Html.num(j.get(k).get(MetricsCalculator.limitKey(l)).asDouble()))
                            .append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table>");
        }
        JsonNode at = j.get("at_threshold");
        b.append("<p>At the calibrated threshold: <span class=\"good\">").append(at.get("tp")).append(" TP</span>, ")
                .append("<span class=\"bad\">").append(at.get("fp")).append(" FP</span>, ").append(at.get("tn"))
                .append(" TN, <span class=\"bad\">").append(at.get("fn")).append(" FN</span>.</p>");
        b.append("<table><tr><th>count</th><th>images</th></tr>");
        j.get("counts").fields().forEachRemaining(e -> b.append("<tr><td>").append(Html.esc(e.getKey()))
                .append("</td><td>").append(e.getValue()).append("</td></tr>"));
        b.append("</table><table><tr><th>stage</th><th>median ms / image</th></tr>");
        j.get("timing_ms_per_image").fields().forEachRemaining(e -> b.append("<tr><td>").append(Html.esc(e.getKey()))
                .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", e.getValue().asDouble()))
                .append("</td></tr>"));
        b.append("</table><h2>Plots</h2><div class=\"plots\">");
        for (Figure f : plots) {
            b.append("<img alt=\"").append(Html.esc(f.caption())).append("\" title=\"").append(Html.esc(f.caption()))
                    .append("\" src=\"").append(f.dataUri()).append("\">");
        }
        b.append("</div>");
        if (!gallery.isEmpty()) {
            b.append("<h2>Worst and best test images</h2><p class=\"note\">Panels: image · ground truth (one colour"
                    + " per mask) · anomaly map · objects with verdicts (green ok, red dashed missing, orange extra,"
                    + " magenta mismatched, blue structural).</p><div class=\"gallery\">");
            for (Figure f : gallery) {
                b.append("<img alt=\"").append(Html.esc(f.caption())).append("\" src=\"").append(f.dataUri())
                        .append("\">");
            }
            b.append("</div>");
        }
        b.append("<h2>Provenance</h2><pre>").append(Html.esc(j.get("provenance").toPrettyString())).append("</pre>");
        b.append("<p class=\"note\">Image AUROC: good vs each anomaly split; AU-sPRO: area under the sPRO curve up to"
                + " each FPR limit, divided by the limit, good images included in every subset; exact threshold"
                + " sweeps. Definitions: docs/evaluation.md.</p></body></html>\n");
        return b.toString();
    }
}
