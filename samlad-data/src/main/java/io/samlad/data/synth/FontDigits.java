package io.samlad.data.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stand-in digits for when no MNIST copy is at hand: each digit drawn in white on black, 28 x 28 like MNIST, from one
 * of the JDK's logical fonts with random weight, size, slant, rotation and offset, so that no two are alike.
 */
public final class FontDigits {
    private static final String[] FAMILIES = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    static final int SIDE = 28;

    private FontDigits() {
    }

    /** {@code perLabel} digits of each label 0-9, labels in order. */
    public static DigitPool pool(long seed, int perLabel) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<byte[]> images = new ArrayList<>();
        int[] labels = new int[10 * perLabel];
        for (int label = 0; label <= 9; label++) {
            for (int i = 0; i < perLabel; i++) {
                images.add(render(label, rng));
                labels[label * perLabel + i] = label;
            }
        }
        return new DigitPool(SIDE, SIDE, images, labels, "digits rendered from the JDK's fonts with random jitter");
    }

    static byte[] render(int digit, SplittableRandom rng) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, SIDE, SIDE);
            Font font = new Font(FAMILIES[rng.nextInt(FAMILIES.length)], rng.nextBoolean() ? Font.BOLD : Font.PLAIN,
                    1).deriveFont((float) Ink.uniform(rng, 19, 24));
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            String s = Integer.toString(digit);
            AffineTransform t = AffineTransform.getTranslateInstance(SIDE / 2.0 + Ink.uniform(rng, -1.5, 1.5),
                    SIDE / 2.0 + Ink.uniform(rng, -1.5, 1.5));
            t.rotate(Ink.uniform(rng, -0.2, 0.2));
            t.shear(Ink.uniform(rng, -0.25, 0.1), 0);
            g.transform(t);
            g.setColor(Color.WHITE);
            g.drawString(s, (float) (-fm.stringWidth(s) / 2.0), (float) ((fm.getAscent() - fm.getDescent()) / 2.0));
        } finally {
            g.dispose();
        }
        byte[] out = new byte[SIDE * SIDE];
        int[] samples = img.getRaster().getSamples(0, 0, SIDE, SIDE, 0, (int[]) null);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }
}
