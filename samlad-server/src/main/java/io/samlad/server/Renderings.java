package io.samlad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.config.StageTimings;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.RgbImage;
import io.samlad.output.HeatColours;
import io.samlad.output.OverlayRenderer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures of a logged inspection, drawn on request from the kept image and map and the logged answer (so the answer
 * itself never waits for PNG encoding): the three-panel overlay that {@code predict} writes, and a single heat panel
 * that the web page draws the objects on.
 */
final class Renderings {
    private Renderings() {
    }

    /** The prediction as logged (objects, scores, references) with the kept map. */
    static Prediction prediction(JsonNode record, FloatMap map) {
        List<DetectedObject> objects = new ArrayList<>();
        for (JsonNode o : record.path("objects")) {
            JsonNode b = o.path("bbox");
            objects.add(new DetectedObject(o.path("id").asInt(), verdict(o.path("verdict").asText()),
                    o.path("score").asDouble(), o.path("centroidX").asDouble(), o.path("centroidY").asDouble(),
                    b.path(0).asInt(), b.path(1).asInt(), b.path(2).asInt(), b.path(3).asInt(),
                    o.path("areaFraction").asDouble(), o.path("matchedReference").asInt(-1),
                    o.path("matchedObject").asInt(-1)));
        }
        List<Integer> refs = new ArrayList<>();
        record.path("references").forEach(r -> refs.add(r.asInt()));
        return new Prediction(record.path("score").asDouble(), record.path("logicalScore").asDouble(),
                record.path("structuralScore").asDouble(), map, objects, refs, new StageTimings());
    }

    static Verdict verdict(String label) {
        for (Verdict v : Verdict.values()) {
            if (v.label().equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict in log: " + label);
    }

    static BufferedImage overlay(RgbImage image, Prediction p, double threshold) {
        return OverlayRenderer.render(image, p, threshold, 0, Math.max(1, 2 * threshold));
    }

    /**
     * The image blended with the heat colour of the map, at the image's size: cool (mostly image) below 0, the
     * typical normal score, hot and more opaque towards twice the threshold.
     */
    static BufferedImage heat(RgbImage image, FloatMap map, double threshold) {
        int w = image.width();
        int h = image.height();
        FloatMap m = map.width() == w && map.height() == h ? map : map.resize(w, h);
        float[] values = m.data();
        int[] rgb = image.toBufferedImage().getRGB(0, 0, w, h, null, 0, w);
        double span = Math.max(1, 2 * threshold);
        for (int i = 0; i < rgb.length; i++) {
            double t = Math.max(0, Math.min(1, values[i] / span));
            int heat = HeatColours.rgb(t);
            double alpha = 0.15 + 0.6 * t;
            int b = rgb[i];
            int r = (int) ((1 - alpha) * ((b >> 16) & 0xff) + alpha * ((heat >> 16) & 0xff));
            int g = (int) ((1 - alpha) * ((b >> 8) & 0xff) + alpha * ((heat >> 8) & 0xff));
            int bl = (int) ((1 - alpha) * (b & 0xff) + alpha * (heat & 0xff));
            rgb[i] = (r << 16) | (g << 8) | bl;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }
}
