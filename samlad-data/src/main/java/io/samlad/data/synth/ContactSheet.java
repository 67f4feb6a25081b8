package io.samlad.data.synth;

import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A picture of one generated category for people to check: a row of normal test images, a row of logical and a row of
 * structural anomalies, each tile captioned with its anomaly kind and every ground-truth region outlined in red.
 * It reads what the generator wrote to disk, so it shows the files, not the generator's intentions.
 */
public final class ContactSheet {
    private static final int CAPTION = 16;
    private static final int MARGIN = 6;
    private static final int LEFT = 86;
    private static final int TITLE = 24;

    private ContactSheet() {
    }

    /** Renders up to {@code columns} images per row; tiles are scaled to about {@code tileSide} on their longer side. */
    public static BufferedImage render(Path categoryDir, int columns, int tileSide) throws IOException {
        Map<String, String> kinds = readKinds(categoryDir.resolve(OutputFolders.MARKER));
        String[][] rows = {
            {"normal", "good"}, {"logical", "logical_anomalies"}, {"structural", "structural_anomalies"}};
        List<String> labels = new ArrayList<>();
        List<List<BufferedImage>> tiles = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        for (String[] row : rows) {
            List<Path> images = firstImages(categoryDir.resolve("test").resolve(row[1]), columns);
            if (images.isEmpty()) {
                continue;
            }
            List<BufferedImage> rowTiles = new ArrayList<>();
            List<String> rowCaptions = new ArrayList<>();
            for (Path image : images) {
                String name = image.getFileName().toString();
                String id = name.substring(0, name.length() - 4);
                rowTiles.add(outlined(read(image), categoryDir.resolve("ground_truth").resolve(row[1]).resolve(id),
                        tileSide));
                rowCaptions.add(kinds.getOrDefault("test/" + row[1] + "/" + name, row[0]));
            }
            labels.add(row[0]);
            tiles.add(rowTiles);
            captions.add(rowCaptions);
        }
        if (tiles.isEmpty()) {
            throw new InvalidInputException(categoryDir.resolve("test"), "holds no test images to show");
        }
        int tileW = tiles.get(0).get(0).getWidth();
        int tileH = tiles.get(0).get(0).getHeight();
        int shown = tiles.stream().mapToInt(List::size).max().orElse(1);
        int width = LEFT + shown * (tileW + MARGIN) + MARGIN;
        int height = TITLE + tiles.size() * (tileH + CAPTION + MARGIN) + MARGIN;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(categoryDir.getFileName().toString(), MARGIN, 17);
            for (int r = 0; r < tiles.size(); r++) {
                int y = TITLE + r * (tileH + CAPTION + MARGIN);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.setColor(Color.BLACK);
                g.drawString(labels.get(r), MARGIN, y + tileH / 2);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                for (int c = 0; c < tiles.get(r).size(); c++) {
                    int x = LEFT + c * (tileW + MARGIN);
                    g.drawImage(tiles.get(r).get(c), x, y, null);
                    g.drawString(captions.get(r).get(c), x, y + tileH + 13);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Renders and writes the sheet as PNG. */
    public static void write(Path categoryDir, Path png, int columns, int tileSide) throws IOException {
        ImageWriters.writePng(render(categoryDir, columns, tileSide), png);
    }

    private static List<Path> firstImages(Path dir, int n) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().limit(n).toList();
        }
    }

    private static BufferedImage read(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new InvalidInputException(p, "not a readable PNG");
        }
        return img;
    }

    /**
     * The image scaled to fit {@code tileSide} (enlarged by a whole factor with nearest neighbour, so pixels stay
     * honest; reduced with area averaging), with each mask's boundary painted red at tile resolution.
     */
    static BufferedImage outlined(BufferedImage image, Path maskDir, int tileSide) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int longer = Math.max(w, h);
        double s = tileSide >= longer ? Math.max(1, tileSide / longer) : tileSide / (double) longer;
        int tw = Math.max(1, (int) Math.round(w * s));
        int th = Math.max(1, (int) Math.round(h * s));
        BufferedImage out;
        if (s >= 1) {
            out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    out.setRGB(x, y, image.getRGB(Math.min(w - 1, (int) (x / s)), Math.min(h - 1, (int) (y / s))));
                }
            }
        } else {
            out = RgbImage.fromBufferedImage(image).resize(tw, th).toBufferedImage();
        }
        int reach = s >= 2 ? (int) (s / 2) : 1;
        for (Path maskFile : firstImages(maskDir, Integer.MAX_VALUE)) {
            BufferedImage mask = read(maskFile);
            if (mask.getWidth() != w || mask.getHeight() != h) {
                throw new InvalidInputException(maskFile, "mask is " + mask.getWidth() + "x" + mask.getHeight()
                        + " but its image is " + w + "x" + h);
            }
            int[] m = mask.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            boolean[] inside = new boolean[tw * th];
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    int sx = Math.min(w - 1, (int) ((x + 0.5) / s));
                    int sy = Math.min(h - 1, (int) ((y + 0.5) / s));
                    inside[y * tw + x] = m[sy * w + sx] != 0;
                }
            }
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    if (inside[y * tw + x] && nearOutside(inside, tw, th, x, y, reach)) {
                        out.setRGB(x, y, 0xff2020);
                    }
                }
            }
        }
        return out;
    }

    /** Whether an inside tile pixel has an outside pixel (or the tile's edge) within {@code reach} pixels. */
    private static boolean nearOutside(boolean[] inside, int w, int h, int x, int y, int reach) {
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= w || ny >= h || !inside[ny * w + nx]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** image path -> kind, from the generator's {@code anomalies.csv} (absent file: no captions beyond the row). */
    private static Map<String, String> readKinds(Path csv) throws IOException {
        Map<String, String> kinds = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return kinds;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length >= 3) {
                kinds.put(f[0], f[2]);
            }
        }
        return kinds;
    }
}
